package io.floorgate.buffer;

import static io.floorgate.buffer.DiskBufferTest.T0;
import static io.floorgate.buffer.DiskBufferTest.reading;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.floorgate.config.BufferConfig;
import io.floorgate.config.MqttConfig;
import io.floorgate.config.MqttProtocol;
import io.floorgate.config.Namespace;
import io.floorgate.driver.Status;
import io.floorgate.mqtt.MqttPublisher;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import io.floorgate.reading.TimestampSource;
import io.floorgate.testkit.Recorder;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A queue file of 4,000 readings damaged between two runs — cut in half, 16 KB of random bytes in
 * the middle, bytes flipped in one entry: the loss is reported (log line and counter), the file is
 * copied aside for inspection, and the readings that survived are published to a real broker.
 */
@Timeout(60)
class DamagedQueueTest {

  static final int ENTRIES = 40;
  static final int PER_ENTRY = 100;
  static final int QUEUED = ENTRIES * PER_ENTRY;
  private static final Pattern LOSS = Pattern.compile(
      "(\\d+) entries damaged \\(≈ (\\d+) readings lost\\); a copy is kept at (\\S+) for");

  @TempDir Path dir;
  @RegisterExtension final BufferLog log = new BufferLog();

  @Test
  void aFileCutInHalfReportsTheReadingsLostAndPublishesTheRest() throws Exception {
    Path file = queue();
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(raf.length() / 2);
    }

    long lost = reopenAndPublish(file);

    assertTrue(lost > 0, "nothing reported lost");
  }

  @Test
  void randomBytesInTheMiddleReportTheReadingsLostAndPublishTheRest() throws Exception {
    Path file = queue();
    byte[] garbage = new byte[16 * 1024];
    new Random(18).nextBytes(garbage);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(raf.length() / 2);
      raf.write(garbage);
    }

    long lost = reopenAndPublish(file);

    assertTrue(lost > 0, "nothing reported lost");
  }

  @Test
  void flippedBytesInOneEntryLoseThatEntryOnly() throws Exception {
    // One entry of one reading whose text is unique in the file, so its bytes can be found.
    String marker = "damage-here-" + UUID.randomUUID();
    Path file = queue(new Reading("rhk01", "jxnmm/isohara/calcination/rhk01/batch", marker, null,
        Quality.GOOD, Status.GOOD, T0, T0, TimestampSource.SOURCE, T0));
    byte[] bytes = Files.readAllBytes(file);
    byte[] text = marker.getBytes(StandardCharsets.US_ASCII);
    int flipped = 0;
    // LZF stores the page's bytes in runs of at most 32, so the text may be split: flip a byte
    // in any 8 bytes of it found, in every chunk that holds the entry's page.
    for (int w = 0; w + 8 <= text.length; w++) {
      byte[] needle = java.util.Arrays.copyOfRange(text, w, w + 8);
      for (int at = indexOf(bytes, needle, 0); at >= 0; at = indexOf(bytes, needle, at + 1)) {
        bytes[at + needle.length - 1] ^= 0x01;
        flipped++;
      }
    }
    assertTrue(flipped > 0, "the entry's text is not in the file as written");
    Files.write(file, bytes);

    long lost = reopenAndPublish(file);

    assertEquals(1, lost);
  }

  /** Opens the damaged queue, checks the report and the copy, publishes; returns the loss. */
  private long reopenAndPublish(Path file) throws Exception {
    long queued;
    long lost;
    String prefix = "damaged-" + UUID.randomUUID().toString().substring(0, 8);
    try (DiskBuffer buffer = DiskBuffer.open(BufferConfig.in(file.getParent()));
        Recorder historian = Recorder.subscribe("tcp://127.0.0.1:1883", prefix + "/#");
        MqttPublisher publisher = new MqttPublisher(new MqttConfig(
            List.of("tcp://127.0.0.1:1883"), prefix, 1, 100, Duration.ofSeconds(3), null, null,
            null, MqttConfig.DEFAULT_KEEP_ALIVE, MqttProtocol.AUTO),
            new Namespace("jxnmm", "isohara", prefix), buffer, 0)) {
      List<String> warnings = log.at(Level.WARN).stream()
          .filter(m -> LOSS.matcher(m).find()).toList();
      assertEquals(1, warnings.size(), log::toString);
      Matcher m = LOSS.matcher(warnings.get(0));
      assertTrue(m.find());
      lost = Long.parseLong(m.group(2));
      assertTrue(Files.isRegularFile(Path.of(m.group(3))), "no copy at " + m.group(3));
      assertTrue(m.group(3).startsWith(file + ".damaged-"), m.group(3));
      assertEquals(lost, buffer.damaged());
      queued = buffer.size();
      assertEquals(QUEUED, queued + lost, "queued " + queued + ", lost " + lost);

      publisher.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> historian.count() >= queued);
      TreeSet<String> distinct = new TreeSet<>();
      historian.messages().forEach(message -> distinct.add(message.text()));
      assertEquals(queued, distinct.size());
    }
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertEquals(1, files.filter(p -> p.getFileName().toString()
          .startsWith(StoreFile.FILE_NAME + ".damaged-")).count());
    }
    return lost;
  }

  /** A queue of {@value #QUEUED} readings in {@value #ENTRIES} entries, each committed. */
  private Path queue(Reading... extra) {
    Path directory = dir.resolve("buffer");
    try (DiskBuffer buffer = DiskBuffer.open(BufferConfig.in(directory))) {
      for (int e = 0; e < ENTRIES; e++) {
        if (e == ENTRIES / 2 && extra.length > 0) {
          buffer.append(List.of(extra));
          buffer.flush();
        }
        int per = e == ENTRIES / 2 && extra.length > 0 ? PER_ENTRY - extra.length : PER_ENTRY;
        List<Reading> batch = new ArrayList<>(per);
        for (int i = 0; i < per; i++) {
          long value = (long) e * PER_ENTRY + i;
          batch.add(reading(value, T0.plusMillis(value)));
        }
        buffer.append(batch);
        buffer.flush();
      }
      assertEquals(QUEUED, buffer.size());
    }
    return directory.resolve(StoreFile.FILE_NAME);
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
