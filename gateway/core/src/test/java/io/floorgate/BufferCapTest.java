package io.floorgate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.buffer.DiskBuffer;
import io.floorgate.config.BufferConfig;
import io.floorgate.config.MqttConfig;
import io.floorgate.config.Namespace;
import io.floorgate.driver.Status;
import io.floorgate.mqtt.MqttPublisher;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import io.floorgate.reading.TimestampSource;
import io.floorgate.testkit.DurableSubscriber;
import io.floorgate.testkit.Heartbeats;
import io.floorgate.testkit.MosquittoProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The buffer's cap is reached during an outage: the oldest readings give way, the drop counter
 * equals the gap at the start of what arrives, and the newest readings are all delivered.
 */
@Timeout(180)
class BufferCapTest {

  static final String COUNTER = "jxnmm/isohara/calcination/rhk01/heartbeat";
  /** About three times what 1 MB holds, at ~140 bytes a reading. */
  static final int OFFERED = 20_000;

  @TempDir Path dir;

  @Test
  void oldestGiveWayAndTheDropCounterEqualsTheGap() throws Exception {
    String prefix = "cap-" + UUID.randomUUID().toString().substring(0, 8);
    try (MosquittoProcess broker = MosquittoProcess.start(dir.resolve("broker"));
        DurableSubscriber historian = new DurableSubscriber(broker.url(), prefix + "/#");
        DiskBuffer buffer = DiskBuffer.open(new BufferConfig(dir.resolve("buffer"),
            BufferConfig.MIN_MAX_BYTES, BufferConfig.DEFAULT_MAX_AGE,
            BufferConfig.WhenFull.DROP_OLDEST, 0));
        MqttPublisher publisher = new MqttPublisher(
            new MqttConfig(broker.url(), prefix, 1, 100, Duration.ofSeconds(2)),
            new Namespace("jxnmm", "isohara", prefix), buffer, 0)) {
      broker.stop();
      publisher.start();

      Instant start = Instant.parse("2026-11-26T07:00:00Z");
      for (int i = 0; i < OFFERED; i++) {
        Instant t = start.plusMillis(100L * i);
        publisher.offer(new Reading("rhk01", COUNTER, (long) i, null, Quality.GOOD, Status.GOOD,
            t, t, TimestampSource.SOURCE, t));
      }
      long dropped = publisher.dropped();
      assertTrue(dropped > 0 && buffer.bytes() <= BufferConfig.MIN_MAX_BYTES,
          "dropped " + dropped + ", " + buffer.bytes() + " bytes queued");
      assertEquals(OFFERED - dropped, buffer.size());

      broker.start();
      historian.reconnect();

      await().atMost(Duration.ofSeconds(90)).until(() ->
          new Heartbeats(historian, COUNTER).max() == OFFERED - 1 && buffer.size() == 0);
      Heartbeats received = new Heartbeats(historian, COUNTER);
      TreeSet<Long> values = received.values();
      assertEquals(dropped, values.first(), "the drop counter equals the gap before the first");
      assertEquals(List.of(), received.gaps(), "the newest arrive without a gap");
      assertEquals(OFFERED - dropped, values.size());
      assertEquals(List.of(), received.outOfOrder(true));
      assertEquals(dropped, publisher.dropped(), "nothing more dropped after the outage");
    }
  }
}
