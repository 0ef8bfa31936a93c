package io.floorgate.mqtt;

import static io.floorgate.mqtt.Readings.reading;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.buffer.DiskBuffer;
import io.floorgate.config.MqttConfig;
import io.floorgate.config.Namespace;
import io.floorgate.config.UnsConfig;
import io.floorgate.testkit.MoquetteBroker;
import io.floorgate.testkit.Recorder;
import io.floorgate.testkit.Recorder311;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A UNS consumer on an MQTT 3.1.1 broker sees no MQTT 5 user property, so after a broker outage
 * it can tell the replayed backlog from live values only by the payload's
 * {@code "historical": true}.
 */
@Timeout(90)
class HistoricalOn311Test {

  private static final String TAG = "jxnmm/isohara/calcination/rhk01/heartbeat";
  private static final int BACKLOG = 60;
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void replayedReadingsAreMarkedHistoricalInThePayloadAfterABrokerOutage() throws Exception {
    String prefix = Readings.uniquePrefix();
    String topic = prefix + "/" + TAG;
    try (MoquetteBroker broker = MoquetteBroker.start();
        DiskBuffer buffer = Readings.buffer(dir)) {
      MqttConfig config = new MqttConfig(broker.url(), "floorgate-test-" + UUID.randomUUID(), 1,
          100, Duration.ofSeconds(3));
      // Replayed at 30 a second, the backlog is still going when the consumer is back.
      try (MqttPublisher publisher = new MqttPublisher(config,
          new Namespace("jxnmm", "isohara", prefix), buffer, 30, UnsConfig.defaults())) {
        publisher.start();
        try (Recorder311 before = Recorder311.subscribe(broker.url(), prefix + "/#")) {
          // Offered while connected: live (queued before the connect, it would be backlog).
          await().atMost(WAIT).until(publisher::isConnected);
          publisher.offer(reading(TAG, 0L));
          await().atMost(WAIT).until(() -> before.on(topic).size() == 1);
          assertFalse(before.on(topic).get(0).json().has("historical"), "live");
        }

        broker.stop();
        await().atMost(WAIT).until(() -> !publisher.isConnected());
        for (long i = 1; i <= BACKLOG; i++) {
          publisher.offer(reading(TAG, i));
        }
        broker.startAgain();
        try (Recorder311 after = Recorder311.subscribe(broker.url(), prefix + "/#")) {
          await().atMost(WAIT).until(publisher::isConnected);
          publisher.offer(reading(TAG, 1_000L));

          await().atMost(WAIT).until(() -> after.on(topic).stream()
              .anyMatch(m -> m.json().get("value").asLong() == BACKLOG));
          List<Recorder.Message> received = after.on(topic);
          List<Recorder.Message> replayed = received.stream()
              .filter(m -> m.json().get("value").asLong() <= BACKLOG).toList();
          assertTrue(replayed.size() > BACKLOG / 2, "most of the backlog: " + replayed.size());
          assertTrue(replayed.stream().allMatch(m -> m.json().path("historical").asBoolean()),
              "every replayed reading is marked");
          await().atMost(WAIT).until(() -> after.on(topic).stream()
              .anyMatch(m -> m.json().get("value").asLong() == 1_000L));
          Recorder.Message live = after.on(topic).stream()
              .filter(m -> m.json().get("value").asLong() == 1_000L).findFirst().orElseThrow();
          assertFalse(live.json().has("historical"), "live again: " + live.text());
          assertEquals(1, after.on(topic).stream()
              .filter(m -> m.json().get("value").asLong() == 1_000L).count());
        }
      }
    }
  }
}
