package io.floorgate.buffer;

import static io.floorgate.buffer.DiskBufferTest.T0;
import static io.floorgate.buffer.DiskBufferTest.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.floorgate.config.BufferConfig;
import io.floorgate.reading.Reading;
import io.floorgate.testkit.MutableClock;
import io.floorgate.testkit.SmallDisk;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue on a real 1 MB tmpfs that fills while running: it goes on in memory, drops and counts
 * beyond its memory bound, and moves back to the file once space is freed; every reading is
 * either still readable or counted as dropped.
 */
@Timeout(60)
class FullDiskTest {

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(T0);
  @RegisterExtension final BufferLog log = new BufferLog();
  private SmallDisk disk;

  @AfterEach
  void unmount() throws Exception {
    if (disk != null) {
      disk.close();
    }
  }

  @Test
  void aDiskThatFillsKeepsTheQueueInMemoryAndItMovesBackWhenSpaceIsFreed() throws Exception {
    BufferConfig config = config(100_000_000, BufferConfig.WhenFull.DROP_OLDEST);
    long produced;
    try (DiskBuffer buffer = DiskBuffer.open(config, clock)) {
      produced = appendUntilUnwritable(buffer, 64 * 1024);
      assertTrue(log.has(Level.ERROR, "free space on"), log::toString);
      assertTrue(log.has(Level.ERROR, "kept in memory up to 64 MB"), log::toString);
      long failedAt = produced;
      for (int i = 0; i < 20; i++) {
        produced += append(buffer, produced, 100);
      }
      // Live readings still go out while the disk is full: the newest are read from memory.
      List<BufferedReading> live = buffer.read(buffer.firstSeq() - 1, buffer.lastSeq(), 10_000);
      assertEquals(produced - failedAt, live.size() + 0L);
      assertEquals(failedAt, value(live.get(0)));

      disk.free();
      clock.now = clock.now.plusSeconds(DiskBuffer.RETRY_SECONDS);
      buffer.maintain();

      assertFalse(buffer.inMemoryForWantOfDisk());
      assertTrue(log.has(Level.INFO, "disk queue writable again"), log::toString);
      assertEquals(1, buffer.restored());
      TreeSet<Long> kept = values(buffer.read(0, buffer.lastSeq(), Integer.MAX_VALUE));
      assertEquals(produced, kept.size() + buffer.droppedUnwritable(),
          "kept " + kept.size() + ", dropped " + buffer.droppedUnwritable());
      assertEquals(produced - 1, kept.last());
      assertTrue(kept.size() > produced / 2, "kept " + kept.size() + " of " + produced);
    }
    // Back on the file: what was kept is there after a restart too.
    try (DiskBuffer reopened = DiskBuffer.open(config, clock)) {
      assertEquals(produced - 1, values(reopened.read(0, reopened.lastSeq(), Integer.MAX_VALUE))
          .last());
    }
  }

  @Test
  void beyondItsMemoryBoundTheOldestGiveWayCountedAsUnwritable() throws Exception {
    // 1 MB: the memory bound is buffer.maxBytes when that is below 64 MB.
    BufferConfig config = config(1_000_000, BufferConfig.WhenFull.DROP_NEWEST);
    long produced;
    try (DiskBuffer buffer = DiskBuffer.open(config, clock)) {
      produced = appendUntilUnwritable(buffer, 16 * 1024);
      assertTrue(log.has(Level.ERROR, "kept in memory up to 976 kB"), log::toString);
      long droppedAtFailure = buffer.droppedUnwritable();
      for (int i = 0; i < 200; i++) {
        produced += append(buffer, produced, 100);
      }

      assertTrue(buffer.droppedUnwritable() > droppedAtFailure, "memory never filled");
      assertTrue(buffer.bytes() <= 1_000_000, buffer.bytes() + " bytes in memory");
      assertEquals(0, buffer.droppedFull(), "in memory the oldest give way, not the newest");
      TreeSet<Long> kept = values(buffer.read(0, buffer.lastSeq(), Integer.MAX_VALUE));
      assertEquals(produced - 1, kept.last());
      assertTrue(log.has(Level.WARN, "oldest readings dropped"), log::toString);
    }
  }

  /** A buffer on a fresh 1 MB tmpfs. */
  private BufferConfig config(long maxBytes, BufferConfig.WhenFull whenFull) throws Exception {
    disk = SmallDisk.mount(dir.resolve("fs"), 1024);
    return new BufferConfig(disk.path().resolve("buffer"), maxBytes, Duration.ofDays(1),
        whenFull, 0);
  }

  /** Fills the disk but {@code left} bytes, then appends until the file fails; how many. */
  private long appendUntilUnwritable(DiskBuffer buffer, long left) throws Exception {
    disk.fill(left);
    long produced = 0;
    // Each batch committed, as MVStore's writer would a moment later.
    while (!buffer.inMemoryForWantOfDisk() && produced < 1_000_000) {
      produced += append(buffer, produced, 200);
      buffer.flush();
      buffer.maintain();
    }
    assertTrue(buffer.inMemoryForWantOfDisk(), "the disk never filled");
    return produced;
  }

  private static int append(DiskBuffer buffer, long from, int n) {
    List<Reading> batch = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      batch.add(reading(from + i, T0.plusMillis(from + i)));
    }
    buffer.append(batch);
    return n;
  }

  private static long value(BufferedReading r) {
    return (Long) r.reading().value();
  }

  private static TreeSet<Long> values(List<BufferedReading> readings) {
    TreeSet<Long> values = new TreeSet<>();
    readings.forEach(r -> values.add(value(r)));
    return values;
  }
}
