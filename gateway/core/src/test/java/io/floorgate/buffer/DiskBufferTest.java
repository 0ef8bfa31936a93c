package io.floorgate.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.floorgate.config.BufferConfig;
import io.floorgate.driver.Status;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import io.floorgate.reading.TimestampSource;
import io.floorgate.testkit.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The queue on a real MVStore file in a temporary directory. */
class DiskBufferTest {

  static final Instant T0 = Instant.parse("2026-11-26T07:40:01.250Z");

  @TempDir Path dir;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger bufferLog = (Logger) LoggerFactory.getLogger(DiskBuffer.class);

  @BeforeEach
  void captureLog() {
    log.start();
    bufferLog.addAppender(log);
  }

  @AfterEach
  void releaseLog() {
    bufferLog.detachAppender(log);
  }

  static Reading reading(long value, Instant t) {
    return new Reading("rhk01", "jxnmm/isohara/calcination/rhk01/heartbeat", value, null,
        Quality.GOOD, Status.GOOD, t, t, TimestampSource.SOURCE, t.plusMillis(12));
  }

  BufferConfig config(long maxBytes, Duration maxAge, BufferConfig.WhenFull whenFull) {
    return new BufferConfig(dir.resolve("buffer"), maxBytes, maxAge, whenFull, 0);
  }

  @Test
  void readingsComeBackInOrderWithTheirTimestampsAcrossAReopen() {
    Reading bad = new Reading("rhk01", "jxnmm/isohara/calcination/rhk01/zone03/tc-a", null, "°C",
        Quality.BAD, new Status(0x808B0000L, "Bad_SensorFailure"), null, T0,
        TimestampSource.GATEWAY, T0);
    Reading text = new Reading("mx01", "jxnmm/isohara/mixing/mx01/state", "mixing", null,
        Quality.GOOD, Status.GOOD, T0, T0, TimestampSource.SOURCE, T0);
    Reading flag = new Reading("mx01", "jxnmm/isohara/mixing/mx01/run", true, null,
        Quality.UNCERTAIN, new Status(0x40000000L, "Uncertain"), T0, T0, TimestampSource.SERVER,
        T0);
    Reading number = new Reading("rhk01", "jxnmm/isohara/calcination/rhk01/zone07/temperature",
        741.8, "°C", Quality.GOOD, Status.GOOD, T0.plusNanos(123_400), T0.plusNanos(123_400),
        TimestampSource.SOURCE, T0.plusMillis(3));
    List<Reading> written = List.of(reading(1, T0), bad, text, flag, number);
    try (DiskBuffer buffer = DiskBuffer.open(BufferConfig.in(dir.resolve("buffer")))) {
      written.forEach(buffer::append);
    }

    try (DiskBuffer buffer = DiskBuffer.open(BufferConfig.in(dir.resolve("buffer")))) {
      List<BufferedReading> read = buffer.read(0, Long.MAX_VALUE, 100);
      assertEquals(written, read.stream().map(BufferedReading::reading).toList());
      assertEquals(List.of(1L, 2L, 3L, 4L, 5L), read.stream().map(BufferedReading::seq).toList());
      buffer.append(reading(2, T0));
      assertEquals(6, buffer.lastSeq(), "numbers go on after a reopen");
    }
  }

  @Test
  void acknowledgedReadingsLeaveAtTheNextMaintenanceAndNotBefore() {
    try (DiskBuffer buffer = DiskBuffer.open(BufferConfig.in(dir.resolve("buffer")))) {
      for (int i = 0; i < 10; i++) {
        buffer.append(reading(i, T0));
      }
      List<BufferedReading> all = buffer.read(0, Long.MAX_VALUE, 100);
      buffer.acknowledge(all.get(2));
      buffer.acknowledge(all.get(0));
      assertEquals(10, buffer.size());

      buffer.maintain();

      assertEquals(8, buffer.size());
      assertEquals(List.of(2L, 4L, 5L), buffer.read(0, 5, 100).stream()
          .map(BufferedReading::seq).toList());
      assertEquals(List.of(6L, 7L), buffer.read(5, Long.MAX_VALUE, 2).stream()
          .map(BufferedReading::seq).toList());
    }
  }

  @Test
  void readingsQueuedTogetherShareEntriesAndComeBackInOrderAcrossAReopen() {
    List<Reading> burst = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      burst.add(reading(i, T0.plusMillis(i)));
    }
    try (DiskBuffer buffer = DiskBuffer.open(BufferConfig.in(dir.resolve("buffer")))) {
      buffer.append(burst);
      assertEquals(3, buffer.lastSeq(), "256 + 256 + 88 readings");
      assertEquals(600, buffer.size());
    }

    try (DiskBuffer buffer = DiskBuffer.open(BufferConfig.in(dir.resolve("buffer")))) {
      assertEquals(600, buffer.size(), "the count is read back from the file");
      List<BufferedReading> read = buffer.read(0, Long.MAX_VALUE, 300);
      assertEquals(512, read.size(), "whole entries only");
      assertEquals(burst.subList(0, 512), read.stream().map(BufferedReading::reading).toList());
      assertEquals(new BufferedReading(2, 0, 256, burst.get(256)), read.get(256));
    }
  }

  @Test
  void anEntryLeavesWhenEveryReadingOfItIsAcknowledgedAndAcknowledgedOnesAreNotReadAgain() {
    List<Reading> burst = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      burst.add(reading(i, T0));
    }
    try (DiskBuffer buffer = DiskBuffer.open(BufferConfig.in(dir.resolve("buffer")))) {
      buffer.append(burst);
      List<BufferedReading> read = buffer.read(0, Long.MAX_VALUE, 100);
      read.subList(0, 4).forEach(buffer::acknowledge);
      buffer.acknowledge(read.get(0));
      buffer.maintain();

      assertEquals(10, buffer.size(), "the entry stays until all of it is acknowledged");
      assertEquals(burst.subList(4, 10), buffer.read(0, Long.MAX_VALUE, 100).stream()
          .map(BufferedReading::reading).toList(), "a replay sends only the rest");

      read.subList(4, 10).forEach(buffer::acknowledge);
      buffer.maintain();

      assertEquals(0, buffer.size());
      assertEquals(List.of(), buffer.read(0, Long.MAX_VALUE, 100));
    }
  }

  @Test
  void withStoreAndForwardOffReadingsWaitInMemoryAndNoFileIsWritten() {
    BufferConfig off = new BufferConfig(dir.resolve("buffer"), BufferConfig.MIN_MAX_BYTES,
        BufferConfig.DEFAULT_MAX_AGE, BufferConfig.WhenFull.DROP_OLDEST, 0, false);
    try (DiskBuffer buffer = DiskBuffer.open(off)) {
      buffer.append(List.of(reading(1, T0), reading(2, T0)));
      assertEquals(2, buffer.size());
      assertEquals(2, buffer.read(0, Long.MAX_VALUE, 10).size());
      assertFalse(buffer.onDisk());
    }
    assertFalse(Files.exists(dir.resolve("buffer")), "nothing on disk");
    assertTrue(log.list.stream().anyMatch(e -> e.getFormattedMessage().contains(
        "Store-and-forward is off")), "the log says readings are not kept on disk");
  }

  @Test
  void whenFullWholeEntriesOfTheOldestGiveWayCountedByReading() {
    try (DiskBuffer buffer = DiskBuffer.open(config(BufferConfig.MIN_MAX_BYTES,
        BufferConfig.DEFAULT_MAX_AGE, BufferConfig.WhenFull.DROP_OLDEST))) {
      List<Reading> burst = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        burst.add(reading(i, T0));
      }
      for (int i = 0; i < 200; i++) {
        buffer.append(burst);
      }

      assertTrue(buffer.droppedFull() > 0, "1 MB holds fewer than 20,000 readings");
      assertEquals(20_000, buffer.size() + buffer.droppedFull());
      assertEquals(0, buffer.droppedFull() % 100, "whole entries of 100 gave way");
      assertTrue(buffer.bytes() <= BufferConfig.MIN_MAX_BYTES);
    }
  }

  @Test
  void whenFullTheOldestGiveWayCountedAndLogged() {
    try (DiskBuffer buffer = DiskBuffer.open(config(BufferConfig.MIN_MAX_BYTES,
        BufferConfig.DEFAULT_MAX_AGE, BufferConfig.WhenFull.DROP_OLDEST))) {
      for (int i = 0; i < 20_000; i++) {
        buffer.append(reading(i, T0));
      }

      assertTrue(buffer.bytes() <= BufferConfig.MIN_MAX_BYTES, "bytes " + buffer.bytes());
      assertEquals(20_000, buffer.size() + buffer.droppedFull());
      long first = buffer.read(0, Long.MAX_VALUE, 1).get(0).seq();
      assertEquals(buffer.droppedFull() + 1, first, "the oldest gave way");
      assertTrue(warnings().stream().anyMatch(m -> m.contains("buffer.maxBytes")), warnings()::toString);
    }
  }

  @Test
  void dropNewestKeepsWhatIsQueued() {
    try (DiskBuffer buffer = DiskBuffer.open(config(BufferConfig.MIN_MAX_BYTES,
        BufferConfig.DEFAULT_MAX_AGE, BufferConfig.WhenFull.DROP_NEWEST))) {
      for (int i = 0; i < 20_000; i++) {
        buffer.append(reading(i, T0));
      }

      assertEquals(1, buffer.read(0, Long.MAX_VALUE, 1).get(0).seq());
      assertEquals(20_000, buffer.size() + buffer.droppedFull());
      assertEquals(buffer.size(), buffer.lastSeq(), "the newest were not taken in");
    }
  }

  @Test
  void readingsOlderThanMaxAgeAreDroppedAndCounted() {
    MutableClock clock = new MutableClock(T0);
    try (DiskBuffer buffer = DiskBuffer.open(config(BufferConfig.DEFAULT_MAX_BYTES,
        Duration.ofMinutes(10), BufferConfig.WhenFull.DROP_OLDEST), clock)) {
      for (int i = 0; i < 5; i++) {
        buffer.append(reading(i, T0));
      }
      clock.now = T0.plus(Duration.ofMinutes(6));
      for (int i = 5; i < 8; i++) {
        buffer.append(reading(i, clock.now));
      }
      clock.now = T0.plus(Duration.ofMinutes(11));

      buffer.maintain();

      assertEquals(5, buffer.droppedExpired());
      assertEquals(List.of(6L, 7L, 8L), buffer.read(0, Long.MAX_VALUE, 100).stream()
          .map(BufferedReading::seq).toList());
      assertTrue(warnings().stream().anyMatch(m -> m.contains("buffer.maxAge")), warnings()::toString);
    }
  }

  @Test
  void corruptFileIsMovedAsideAndAFreshBufferBegins() throws Exception {
    Path buffer = dir.resolve("buffer");
    Files.createDirectories(buffer);
    Files.write(buffer.resolve(StoreFile.FILE_NAME), "H:2,not an MVStore file at all".repeat(500)
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    try (DiskBuffer fresh = DiskBuffer.open(BufferConfig.in(buffer))) {
      assertEquals(0, fresh.size());
      fresh.append(reading(1, T0));
      assertEquals(1, fresh.size());
    }
    try (Stream<Path> files = Files.list(buffer)) {
      assertEquals(1, files.filter(p -> p.getFileName().toString()
          .startsWith(StoreFile.FILE_NAME + ".corrupt-")).count());
    }
    assertTrue(log.list.stream().anyMatch(e -> e.getLevel() == Level.ERROR
        && e.getFormattedMessage().contains("moved it aside")), log.list::toString);
  }

  @Test
  void directoryThatIsAFileIsAClearError() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("buffer"), "x");

    BufferException e = assertThrows(BufferException.class,
        () -> DiskBuffer.open(BufferConfig.in(notADirectory)));

    assertTrue(e.getMessage().contains("is a file, not a directory"), e.getMessage());
  }

  @Test
  void aSecondGatewayOnTheSameDirectoryIsRefused() {
    try (DiskBuffer first = DiskBuffer.open(BufferConfig.in(dir.resolve("buffer")))) {
      BufferException e = assertThrows(BufferException.class,
          () -> DiskBuffer.open(BufferConfig.in(dir.resolve("buffer"))));
      assertTrue(e.getMessage().contains("in use by another process"), e.getMessage());
      assertEquals(0, first.size());
    }
  }

  @Test
  void aFullDiskIsAClearErrorNotAHang() throws Exception {
    Path devFull = Path.of("/dev/full");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(devFull), "needs /dev/full");
    Path buffer = Files.createDirectories(dir.resolve("buffer"));
    // Every write to /dev/full fails with ENOSPC, as on a full disk.
    Files.createSymbolicLink(buffer.resolve(StoreFile.FILE_NAME), devFull);

    BufferException e = assertThrows(BufferException.class,
        () -> DiskBuffer.open(BufferConfig.in(buffer)));

    assertTrue(e.getMessage().contains("free space"), e.getMessage());
  }

  private List<String> warnings() {
    return log.list.stream().filter(e -> e.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage).toList();
  }
}
