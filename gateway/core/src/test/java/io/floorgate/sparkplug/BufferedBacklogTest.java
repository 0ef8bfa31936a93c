package io.floorgate.sparkplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.floorgate.buffer.DiskBuffer;
import io.floorgate.config.BufferConfig;
import io.floorgate.driver.Status;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import io.floorgate.reading.TimestampSource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Sparkplug node's disk backlog: held readings come back oldest first, in batches, once. */
class BufferedBacklogTest {

  static Reading reading(long i) {
    Instant t = Instant.parse("2026-11-26T07:40:00Z").plusMillis(100 * i);
    return new Reading("rhk01", "jxnmm/isohara/calcination/rhk01/heartbeat", i, null, Quality.GOOD,
        Status.GOOD, t, t, TimestampSource.SOURCE, t);
  }

  @Test
  void heldReadingsReplayInOrderInBatchesAndOnlyOnce(@TempDir Path dir) {
    List<Long> replayed = new ArrayList<>();
    try (BufferedBacklog backlog = new BufferedBacklog(DiskBuffer.open(BufferConfig.in(dir)))) {
      for (long i = 1; i <= 2_500; i++) {
        backlog.hold(reading(i));
      }
      int turns = 0;
      boolean more = true;
      while (more) {
        more = backlog.replay(batch -> batch.forEach(r -> replayed.add((Long) r.value())));
        turns++;
      }
      assertEquals(3, turns, "2 500 readings in batches of " + BufferedBacklog.BATCH);
      assertFalse(backlog.replay(batch -> replayed.add(-1L)), "nothing is replayed twice");
    }
    assertEquals(2_500, replayed.size());
    for (int i = 0; i < replayed.size(); i++) {
      assertEquals(i + 1L, replayed.get(i));
    }
  }

  @Test
  void readingsHeldBeforeARestartAreReplayedAfterIt(@TempDir Path dir) {
    try (BufferedBacklog backlog = new BufferedBacklog(DiskBuffer.open(BufferConfig.in(dir)))) {
      for (long i = 1; i <= 10; i++) {
        backlog.hold(reading(i));
      }
    }
    List<Long> replayed = new ArrayList<>();
    try (BufferedBacklog reopened = new BufferedBacklog(DiskBuffer.open(BufferConfig.in(dir)))) {
      assertEquals(10, reopened.held());
      reopened.replay(batch -> batch.forEach(r -> replayed.add((Long) r.value())));
    }
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), replayed);
  }
}
