package io.floorgate.mqtt;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.config.UnsConfig;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetentionTest {

  private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

  @Test
  void noneRetainsNothing() {
    Retention r = new Retention(UnsConfig.Retain.NONE);
    assertFalse(r.value("a/b", T0));
    assertFalse(r.batch("a/_batch/p", T0));
    assertFalse(r.holdsValues());
  }

  @Test
  void aReplayedReadingNeverReplacesANewerRetainedValue() {
    Retention r = new Retention(UnsConfig.Retain.VALUES);
    assertTrue(r.value("a/b", T0.plusSeconds(10)), "live value");
    assertFalse(r.value("a/b", T0.plusSeconds(5)), "older backlog after it");
    assertTrue(r.value("a/b", T0.plusSeconds(10)), "the same reading sent again");
    assertTrue(r.value("a/c", T0), "another topic is independent");
  }

  @Test
  void theNewestReplayedValueIsRetainedWhenNothingNewerWasSent() {
    Retention r = new Retention(UnsConfig.Retain.VALUES);
    assertTrue(r.value("a/b", T0));
    // The tag changed only during an outage: its backlog, oldest first, is the newest it has.
    assertTrue(r.value("a/b", T0.plusSeconds(1)));
    assertTrue(r.value("a/b", T0.plusSeconds(2)));
  }

  @Test
  void batchesAreRetainedOnlyUnderAll() {
    assertFalse(new Retention(UnsConfig.Retain.VALUES).batch("a/_batch/p", T0));
    Retention all = new Retention(UnsConfig.Retain.ALL);
    assertTrue(all.batch("a/_batch/p", T0.plusSeconds(3)));
    assertFalse(all.batch("a/_batch/p", T0.plusSeconds(1)));
  }

  @Test
  void aClearedTopicTakesTheNextReadingWhateverItsAge() {
    Retention r = new Retention(UnsConfig.Retain.VALUES);
    assertTrue(r.value("a/b", T0.plusSeconds(10)));
    r.forget("a/b");
    assertTrue(r.value("a/b", T0));
  }
}
