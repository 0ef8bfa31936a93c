package io.floorgate.mqtt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floorgate.buffer.DiskBuffer;
import io.floorgate.config.MqttConfig;
import io.floorgate.config.Namespace;
import io.floorgate.config.UnsConfig;
import io.floorgate.testkit.MoquetteBroker;
import io.floorgate.testkit.Recorder;
import io.floorgate.testkit.Recorder311;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retained messages of other features on the UNS connection (a maintenance counter's value):
 * what a broker outage does not lose, on a broker the test stops and starts again.
 */
@Timeout(90)
class RetainedExtrasTest {

  private static final String PATH =
      "jxnmm/isohara/mixing/mx01/running/_maintenance/run-hours";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final String prefix = Readings.uniquePrefix();
  private final String topic = prefix + "/" + PATH;

  static byte[] json(double value) {
    return ("{\"value\":" + value + "}").getBytes(StandardCharsets.UTF_8);
  }

  /** The retained message a subscriber that joins now finds. */
  Recorder.Message lateJoiner(MoquetteBroker broker) throws Exception {
    try (Recorder311 late = Recorder311.subscribe(broker.url(), topic)) {
      await().atMost(WAIT).until(() -> !late.on(topic).isEmpty());
      return late.on(topic).get(0);
    }
  }

  @Test
  void valueSetWhileTheBrokerIsDownArrivesRetainedWhenItIsBack() throws Exception {
    try (MoquetteBroker broker = MoquetteBroker.start();
        DiskBuffer buffer = Readings.buffer(dir);
        MqttPublisher publisher = publisher(broker, buffer)) {
      publisher.start();
      await().atMost(WAIT).until(publisher::isConnected);
      broker.stop();
      await().atMost(WAIT).until(() -> !publisher.isConnected());
      publisher.retain(PATH, json(1.5));
      publisher.retain(PATH, json(1.51));
      broker.startAgain();
      // Acknowledged by the broker (the retained message counts with the metadata): kept there.
      await().atMost(WAIT).until(() -> publisher.metaPublished() == 1);

      // Published and acknowledged before this subscriber came: only a retained message reaches
      // it (Moquette does not set the flag on it for a 3.1.1 subscriber).
      assertEquals(1.51, lateJoiner(broker).json().get("value").asDouble());
    }
  }

  @Test
  void valueIsPublishedAgainAfterABrokerRestartThatLostIt() throws Exception {
    try (MoquetteBroker broker = MoquetteBroker.start();
        DiskBuffer buffer = Readings.buffer(dir);
        MqttPublisher publisher = publisher(broker, buffer)) {
      publisher.start();
      await().atMost(WAIT).until(publisher::isConnected);
      publisher.retain(PATH, json(7));
      await().atMost(WAIT).until(() -> publisher.metaPublished() == 1);
      assertEquals(7.0, lateJoiner(broker).json().get("value").asDouble());
      broker.stop();
      await().atMost(WAIT).until(() -> !publisher.isConnected());
      broker.startAgain();
      await().atMost(WAIT).until(() -> publisher.metaPublished() == 2);

      assertEquals(7.0, lateJoiner(broker).json().get("value").asDouble());
    }
  }

  private MqttPublisher publisher(MoquetteBroker broker, DiskBuffer buffer) {
    MqttConfig config = new MqttConfig(broker.url(), "floorgate-test-" + UUID.randomUUID(), 1,
        100, Duration.ofSeconds(3));
    return new MqttPublisher(config, new Namespace("jxnmm", "isohara", prefix), buffer, 0,
        UnsConfig.defaults());
  }
}
