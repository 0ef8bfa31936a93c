package io.floorgate.mqtt;

import static io.floorgate.mqtt.Readings.config;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.buffer.DiskBuffer;
import io.floorgate.config.Namespace;
import io.floorgate.config.UnsConfig;
import io.floorgate.driver.Status;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import io.floorgate.reading.TimestampSource;
import io.floorgate.testkit.MqttTestClient;
import io.floorgate.testkit.Recorder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code uns.retain}: what a subscriber that joins late finds on the real Mosquitto on
 * 127.0.0.1:1883, each test under its own topic prefix.
 */
@Timeout(60)
class RetainedValuesTest {

  private static final String BROKER = "tcp://127.0.0.1:1883";
  private static final String ZONE3 = "jxnmm/isohara/calcination/rhk01/zone03/temperature";
  private static final String SETPOINT = "jxnmm/isohara/calcination/rhk01/zone03/setpoint";
  private static final String STATE = "jxnmm/isohara/mixing/mx01/state";
  private static final Instant T0 = Instant.parse("2026-12-05T06:00:00Z");

  @TempDir Path dir;
  private final String prefix = Readings.uniquePrefix();
  private final Namespace namespace = new Namespace("jxnmm", "isohara", prefix);
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final List<String> retained = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    MqttTestClient.clearRetained(BROKER, retained);
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  @Test
  void aLateJoinerSeesTheNewestValueOfEveryTagEvenOneThatNeverChanges() throws Exception {
    retained.addAll(List.of(topic(ZONE3), topic(SETPOINT)));
    MqttPublisher publisher = publisher(UnsConfig.Retain.VALUES);
    publisher.offer(reading(SETPOINT, 850.0, T0));
    publisher.offer(reading(ZONE3, 700.0, T0.plusSeconds(1)));
    publisher.offer(reading(ZONE3, 702.0, T0.plusSeconds(3)));
    // Replayed backlog, received before the value above: it must not replace it.
    publisher.offer(reading(ZONE3, 701.0, T0.plusSeconds(2)));
    publisher.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> publisher.published() == 4);

    Map<String, Recorder.Message> late = lateJoiner();

    assertEquals(850.0, late.get(topic(SETPOINT)).json().get("value").doubleValue());
    assertEquals(702.0, late.get(topic(ZONE3)).json().get("value").doubleValue());
    assertTrue(late.get(topic(ZONE3)).retained());
  }

  @Test
  void withRetainNoneALateJoinerSeesNoValue() throws Exception {
    MqttPublisher publisher = publisher(UnsConfig.Retain.NONE);
    publisher.offer(reading(SETPOINT, 850.0, T0));
    publisher.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> publisher.published() == 1);

    assertFalse(lateJoiner().containsKey(topic(SETPOINT)));
  }

  @Test
  void aReloadThatRemovesATagClearsItsRetainedValueAndMetadata() throws Exception {
    TagMeta zone3 = meta(ZONE3, "rhk01");
    TagMeta state = meta(STATE, "mx01");
    retained.addAll(List.of(topic(ZONE3), topic(STATE), Topics.meta(namespace, ZONE3),
        Topics.meta(namespace, STATE)));
    Recorder live = open(Recorder.subscribe(BROKER, prefix + "/#"));
    MqttPublisher publisher = publisher(UnsConfig.Retain.VALUES);
    publisher.publishMeta(List.of(zone3, state));
    publisher.offer(reading(ZONE3, 700.0, T0));
    publisher.offer(reading(STATE, 2L, T0));
    publisher.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> publisher.published() == 2
        && publisher.metaPublished() == 2);

    publisher.publishMeta(List.of(zone3));

    await().atMost(Duration.ofSeconds(10)).until(() -> cleared(live, topic(STATE))
        && cleared(live, Topics.meta(namespace, STATE)));
    Map<String, Recorder.Message> late = lateJoiner();
    assertFalse(late.containsKey(topic(STATE)), "the removed tag's value is gone");
    assertFalse(late.containsKey(Topics.meta(namespace, STATE)), "and its metadata");
    assertEquals(700.0, late.get(topic(ZONE3)).json().get("value").doubleValue());
    assertTrue(late.containsKey(Topics.meta(namespace, ZONE3)));
  }

  /**
   * What a subscriber that comes now finds retained. The broker sends retained messages before
   * anything published after the subscription, so once a marker published afterwards arrives,
   * every retained message has.
   */
  private Map<String, Recorder.Message> lateJoiner() throws Exception {
    Recorder late = open(Recorder.subscribe(BROKER, prefix + "/#"));
    String marker = prefix + "/marker";
    late.publish(marker, "end".getBytes(StandardCharsets.UTF_8));
    await().atMost(Duration.ofSeconds(10)).until(() -> late.received(marker));
    Map<String, Recorder.Message> byTopic = new HashMap<>();
    late.messages().stream().filter(Recorder.Message::retained)
        .forEach(m -> byTopic.put(m.topic(), m));
    return byTopic;
  }

  private static boolean cleared(Recorder live, String topic) {
    return live.on(topic).stream().anyMatch(m -> m.payload().length == 0);
  }

  private String topic(String path) {
    return Topics.prefixed(namespace, path);
  }

  private static TagMeta meta(String path, String connection) {
    return new TagMeta(path, connection, "ns=2;s=" + path, null, null, null, null, Map.of());
  }

  private static Reading reading(String path, Object value, Instant received) {
    return new Reading("rhk01", path, value, null, Quality.GOOD, Status.GOOD, received, received,
        TimestampSource.SOURCE, received);
  }

  private MqttPublisher publisher(UnsConfig.Retain retain) {
    DiskBuffer buffer = open(Readings.buffer(dir));
    return open(new MqttPublisher(config(BROKER, 100), namespace, buffer, 0,
        new UnsConfig(true, UnsConfig.Form.PER_TAG, UnsConfig.DEFAULT_MAX_BATCH, retain)));
  }

  private <T extends AutoCloseable> T open(T closeable) {
    toClose.add(closeable);
    return closeable;
  }
}
