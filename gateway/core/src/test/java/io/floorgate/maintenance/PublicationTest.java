package io.floorgate.maintenance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a counter's value is worth a message on the UNS. */
class PublicationTest {

  static final Instant T0 = Instant.parse("2026-11-26T07:00:00Z");
  final Publication publication = new Publication();

  static CounterView hours(double value) {
    return new CounterView("mixing.mx01.running.run-hours", "jxnmm/isohara/mixing/mx01/running",
        "runHours", value, 2000, "h", value / 2000, null, null, null);
  }

  static CounterView starts(double value) {
    return new CounterView("mixing.mx01.starts.count", "jxnmm/isohara/mixing/mx01/starts",
        "count", value, 5000, "count", value / 5000, null, null, null);
  }

  @Test
  void firstValueGoesOutAtOnce() {
    assertTrue(publication.due(hours(0), T0));
  }

  @Test
  void runHoursGoOutEveryHundredthOfAnHourButNotMoreOftenThanThePeriod() {
    publication.due(hours(1.0), T0);
    assertFalse(publication.due(hours(1.005), T0.plus(Publication.MIN_PERIOD)));
    assertFalse(publication.due(hours(1.01), T0.plusSeconds(1)));
    assertTrue(publication.due(hours(1.01), T0.plus(Publication.MIN_PERIOD)));
  }

  @Test
  void countsGoOutOnEveryCountOnceThePeriodHasPassed() {
    publication.due(starts(7), T0);
    assertFalse(publication.due(starts(7), T0.plus(Duration.ofMinutes(10))));
    assertTrue(publication.due(starts(8), T0.plus(Duration.ofMinutes(10))));
  }

  @Test
  void forcedValueGoesOutAtOnceAfterAReset() {
    publication.due(starts(4999), T0);
    publication.force("mixing.mx01.starts.count");
    assertTrue(publication.due(starts(0), T0.plusMillis(100)));
  }
}
