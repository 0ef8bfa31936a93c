package io.floorgate.mqtt;

import static io.floorgate.mqtt.Readings.reading;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.buffer.DiskBuffer;
import io.floorgate.config.MqttConfig;
import io.floorgate.config.MqttProtocol;
import io.floorgate.config.Namespace;
import io.floorgate.config.ReconnectConfig;
import io.floorgate.testkit.Recorder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Telemetry over several connections ({@code mqtt.connections}) against the real Mosquitto on
 * 127.0.0.1:1883: every reading arrives once, and each tag's readings in the order they were
 * queued, though the tags are spread over the connections.
 */
@Timeout(120)
class MqttPublisherConnectionsTest {

  private static final String BROKER = "tcp://127.0.0.1:1883";
  private static final int TAGS = 100;
  private static final int PER_TAG = 50;

  @TempDir Path dir;
  private final String prefix = Readings.uniquePrefix();

  private static MqttConfig config(int connections) {
    return config(BROKER, connections);
  }

  private static MqttConfig config(String url, int connections) {
    return new MqttConfig(List.of(url), "floorgate-test-" + UUID.randomUUID(), 1, 1000,
        Duration.ofSeconds(3), null, null, null, MqttConfig.DEFAULT_KEEP_ALIVE, MqttProtocol.AUTO,
        ReconnectConfig.defaults(), connections);
  }

  @Test
  void fourConnectionsDeliverEveryReadingOnceInEachTagsOrder() throws Exception {
    try (Recorder subscriber = Recorder.subscribe(BROKER, prefix + "/#");
        DiskBuffer buffer = Readings.buffer(dir);
        MqttPublisher publisher = new MqttPublisher(config(4),
            new Namespace("jxnmm", "isohara", prefix), buffer, 0)) {
      publisher.start();
      await().atMost(Duration.ofSeconds(10)).until(publisher::isConnected);

      for (int i = 0; i < PER_TAG; i++) {
        for (int t = 0; t < TAGS; t++) {
          publisher.stage(reading("jxnmm/isohara/load/rhk01/v" + t, (long) i));
        }
        publisher.commitStaged();
      }

      await().atMost(Duration.ofSeconds(60)).until(() -> publisher.published() == TAGS * PER_TAG);
      await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.count() >= TAGS * PER_TAG);
      Map<String, List<Long>> byTag = new HashMap<>();
      for (Recorder.Message m : subscriber.messages()) {
        byTag.computeIfAbsent(m.topic(), k -> new ArrayList<>()).add(m.json().get("value").asLong());
      }
      assertEquals(TAGS, byTag.size());
      List<Long> expected = new ArrayList<>();
      for (long i = 0; i < PER_TAG; i++) {
        expected.add(i);
      }
      byTag.forEach((topic, values) -> assertEquals(expected, values, topic));
      assertEquals(TAGS * PER_TAG, subscriber.count(), "no reading twice");
      assertEquals(0, publisher.failed());
    }
  }

  @Test
  void everyReadingArrivesInEachTagsOrderAcrossConnectionsCutMidStream() throws Exception {
    try (Recorder subscriber = Recorder.subscribe(BROKER, prefix + "/#");
        TcpProxy proxy = new TcpProxy(1883);
        DiskBuffer buffer = Readings.buffer(dir);
        MqttPublisher publisher = new MqttPublisher(
            config("tcp://127.0.0.1:" + proxy.port(), 4),
            new Namespace("jxnmm", "isohara", prefix), buffer, 0)) {
      publisher.start();
      await().atMost(Duration.ofSeconds(10)).until(publisher::isConnected);

      for (int i = 0; i < PER_TAG; i++) {
        for (int t = 0; t < TAGS; t++) {
          publisher.stage(reading("jxnmm/isohara/load/rhk01/v" + t, (long) i));
        }
        publisher.commitStaged();
        if (i == PER_TAG / 2) {
          // Every connection drops with publishes in flight, as when the broker restarts.
          proxy.cutConnections();
        }
      }

      await().atMost(Duration.ofSeconds(60)).until(() -> buffer.size() == 0);
      await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.count() >= TAGS * PER_TAG);
      Map<String, List<Long>> byTag = new HashMap<>();
      for (Recorder.Message m : subscriber.messages()) {
        byTag.computeIfAbsent(m.topic(), k -> new ArrayList<>()).add(m.json().get("value").asLong());
      }
      assertEquals(TAGS, byTag.size());
      List<Long> expected = new ArrayList<>();
      for (long i = 0; i < PER_TAG; i++) {
        expected.add(i);
      }
      // QoS 1: a publish whose PUBACK the cut lost may come again; each value's first arrival is
      // in order.
      byTag.forEach((topic, values) ->
          assertEquals(expected, List.copyOf(new LinkedHashSet<>(values)), topic + ": " + values));
      assertEquals(0, publisher.failed());
    }
  }

  @Test
  void eachConnectionHasItsOwnInFlightWindow() throws Exception {
    try (Recorder subscriber = Recorder.subscribe(BROKER, prefix + "/#");
        DiskBuffer buffer = Readings.buffer(dir);
        MqttPublisher publisher = new MqttPublisher(config(3),
            new Namespace("jxnmm", "isohara", prefix), buffer, 0)) {
      publisher.start();

      await().atMost(Duration.ofSeconds(10)).until(publisher::isConnected);

      assertEquals(3, publisher.connections());
      assertEquals(3 * Math.min(1000, subscriber.brokerReceiveMaximum()), publisher.inFlightWindow());
      assertTrue(publisher.connectedCount() == 3);
    }
  }
}
