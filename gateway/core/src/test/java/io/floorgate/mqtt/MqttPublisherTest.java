package io.floorgate.mqtt;

import static io.floorgate.mqtt.Readings.config;
import static io.floorgate.mqtt.Readings.reading;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floorgate.buffer.DiskBuffer;
import io.floorgate.config.MqttConfig;
import io.floorgate.config.Namespace;
import io.floorgate.config.Range;
import io.floorgate.config.UnsConfig;
import io.floorgate.reading.Reading;
import io.floorgate.testkit.MqttTestClient;
import io.floorgate.testkit.Recorder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Against the real Mosquitto on 127.0.0.1:1883, each test under its own topic prefix. */
@Timeout(120)
class MqttPublisherTest {

  private static final String BROKER = "tcp://127.0.0.1:1883";
  private static final String ZONE3 = "jxnmm/isohara/calcination/rhk01/zone03/temperature";
  private static final String STATE = "jxnmm/isohara/mixing/mx01/state";

  @TempDir Path dir;
  private final String prefix = Readings.uniquePrefix();
  private final Namespace namespace = new Namespace("jxnmm", "isohara", prefix);
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final List<String> retainedTopics = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    MqttTestClient.clearRetained(BROKER, retainedTopics);
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  @Test
  void readingsArriveOnTheirTagTopicAsUnsJson() throws Exception {
    Recorder subscriber = open(Recorder.subscribe(BROKER, prefix + "/#"));
    MqttPublisher publisher = publisher(config(BROKER, 1000));
    publisher.start();

    publisher.offer(reading(ZONE3, 742.3));
    publisher.offer(reading(STATE, "mixing"));

    await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.count() == 2);
    Map<String, Recorder.Message> byTopic = byTopic(subscriber);
    Recorder.Message zone3 = byTopic.get(prefix + "/" + ZONE3);
    JsonNode json = zone3.json();
    assertEquals(742.3, json.get("value").doubleValue());
    assertEquals("°C", json.get("unit").asText());
    assertEquals("GOOD", json.get("quality").asText());
    assertEquals(0, json.get("status").get("code").asLong());
    assertEquals("2026-11-26T07:40:01.250Z", json.get("timestamp").asText());
    assertEquals("SOURCE", json.get("timestampSource").asText());
    assertEquals("2026-11-26T07:40:01.262Z", json.get("gatewayTime").asText());
    assertFalse(zone3.retained());
    assertEquals(1, zone3.qos());
    assertEquals("mixing", byTopic.get(prefix + "/" + STATE).json()
        .get("value").asText());
    assertEquals(2, publisher.published());
  }

  @Test
  void metaIsRetainedForSubscribersThatComeLater() throws Exception {
    List<TagMeta> metas = List.of(
        new TagMeta(ZONE3, "rhk01", "ns=2;s=RHK01.Zone03.TempPV", "°C", null,
            "Zone 3 temperature", new Range(0, 1100), Map.of()),
        new TagMeta(STATE, "mx01", "ns=2;s=MX01.State", null, null, "Mixer state", null,
            Map.of(0L, "idle", 2L, "mixing")));
    metas.forEach(m -> retainedTopics.add(Topics.meta(namespace, m.path())));
    MqttPublisher publisher = publisher(config(BROKER, 1000));
    publisher.publishMeta(metas);
    publisher.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> publisher.metaPublished() == 2);

    Recorder late = open(Recorder.subscribe(BROKER, prefix + "/#"));

    await().atMost(Duration.ofSeconds(10)).until(() -> late.count() == 2);
    Map<String, Recorder.Message> byTopic = byTopic(late);
    Recorder.Message state = byTopic.get(prefix + "/" + STATE + "/_meta");
    assertTrue(state.retained());
    JsonNode stateMeta = state.json();
    assertEquals("mixing", stateMeta.get("enum").get("2").asText());
    assertEquals("ns=2;s=MX01.State", stateMeta.get("node").asText());
    Recorder.Message zone3 = byTopic.get(prefix + "/" + ZONE3 + "/_meta");
    assertTrue(zone3.retained());
    JsonNode zoneMeta = zone3.json();
    assertEquals(1100, zoneMeta.get("range").get("high").asInt());
    assertEquals("°C", zoneMeta.get("unit").asText());
    assertEquals("rhk01", zoneMeta.get("connection").asText());
  }

  @Test
  void burstOfTwentyThousandArrivesCompletelyWithinTheBrokersReceiveMaximum() throws Exception {
    int count = 20_000;
    Recorder subscriber = open(Recorder.subscribe(BROKER, prefix + "/#"));
    MqttPublisher publisher = publisher(config(BROKER, 1000));
    publisher.start();
    await().atMost(Duration.ofSeconds(10)).until(publisher::isConnected);

    for (int i = 0; i < count; i++) {
      publisher.offer(reading("jxnmm/isohara/load/rhk01/v" + (i % 1000), (long) i));
    }

    await().atMost(Duration.ofSeconds(60)).until(() -> subscriber.count() >= count);
    Set<Long> values = new HashSet<>();
    for (Recorder.Message r : subscriber.messages()) {
      values.add(r.json().get("value").asLong());
    }
    assertEquals(count, values.size());
    assertEquals(0, publisher.windowRejections(), "publishes Paho refused with 32202");
    assertEquals(Math.min(1000, subscriber.brokerReceiveMaximum()), publisher.inFlightWindow());
    assertEquals(0, publisher.failed());
    assertEquals(0, publisher.dropped());
    await().atMost(Duration.ofSeconds(10)).until(() -> publisher.published() == count);
  }

  @Test
  void readingsOfferedBeforeStartAreDeliveredOnceConnected() throws Exception {
    Recorder subscriber = open(Recorder.subscribe(BROKER, prefix + "/#"));
    MqttPublisher publisher = publisher(config(BROKER, 10));
    for (int i = 0; i < 50; i++) {
      publisher.offer(reading(ZONE3, 700.0 + i));
    }
    assertEquals(50, publisher.queued());

    publisher.start();

    await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.count() == 50);
    // One topic, one connection, one sender: the broker keeps the order.
    List<Double> values = subscriber.messages().stream()
        .map(r -> r.json().get("value").doubleValue()).toList();
    assertEquals(700.0, values.get(0));
    assertEquals(749.0, values.get(49));
    await().atMost(Duration.ofSeconds(10)).until(() -> publisher.queued() == 0);
  }

  @Test
  void closeDeliversWhatIsQueued() throws Exception {
    Recorder subscriber = open(Recorder.subscribe(BROKER, prefix + "/#"));
    MqttPublisher publisher = publisher(config(BROKER, 20));
    publisher.start();
    await().atMost(Duration.ofSeconds(10)).until(publisher::isConnected);
    for (int i = 0; i < 2_000; i++) {
      publisher.offer(reading(ZONE3, (double) i));
    }

    publisher.close();

    assertEquals(2_000, publisher.published());
    await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.count() == 2_000);
    assertFalse(publisher.offer(reading(ZONE3, 1.0)));
  }

  @Test
  void inTheBatchedFormReadingsOfAPlcShareMessagesOnItsBatchTopicInOrder() throws Exception {
    Recorder subscriber = open(Recorder.subscribe(BROKER, prefix + "/#"));
    DiskBuffer buffer = open(Readings.buffer(dir));
    MqttPublisher publisher = open(new MqttPublisher(config(BROKER, 1000),
        namespace, buffer, 0, new UnsConfig(true, UnsConfig.Form.BATCHED, 100)));
    for (int i = 0; i < 1_000; i++) {
      publisher.stage(reading(ZONE3, i));
    }
    Reading mixing = reading(STATE, "mixing");
    publisher.stage(new Reading("mx01", STATE, "mixing", null, mixing.quality(), mixing.status(),
        mixing.sourceTime(), mixing.timestamp(), mixing.timestampSource(),
        mixing.gatewayTime()));
    publisher.commitStaged();
    publisher.start();

    await().atMost(Duration.ofSeconds(10)).until(() -> publisher.published() == 1_001);
    List<Double> zone3 = new ArrayList<>();
    int messages = 0;
    for (Recorder.Message message : subscriber.messages()) {
      JsonNode values = message.json().get("values");
      assertTrue(values.size() <= 100, "maxBatch holds");
      messages++;
      for (JsonNode value : values) {
        String path = value.get("path").asText();
        if (path.equals(ZONE3)) {
          assertEquals(prefix + "/jxnmm/isohara/_batch/rhk01", message.topic());
          assertEquals("°C", value.get("unit").asText());
          assertEquals("2026-11-26T07:40:01.250Z", value.get("sourceTime").asText());
          zone3.add(value.get("value").doubleValue());
        } else {
          assertEquals(STATE, path);
          assertEquals(prefix + "/jxnmm/isohara/_batch/mx01", message.topic());
        }
      }
    }
    List<Double> expected = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      expected.add((double) i);
    }
    assertEquals(expected, zone3, "every reading once, in order");
    assertTrue(messages >= 11 && messages < 100, messages + " messages for 1,001 readings");
    // The broker's acknowledgements are counted first and leave the buffer a moment later.
    await().atMost(Duration.ofSeconds(10)).until(() -> buffer.size() == 0);
  }

  private static Map<String, Recorder.Message> byTopic(Recorder subscriber) {
    Map<String, Recorder.Message> byTopic = new HashMap<>();
    subscriber.messages().forEach(r -> byTopic.put(r.topic(), r));
    return byTopic;
  }

  private MqttPublisher publisher(MqttConfig config) {
    DiskBuffer buffer = open(Readings.buffer(dir));
    return open(new MqttPublisher(config, namespace, buffer, 0));
  }

  private <T extends AutoCloseable> T open(T closeable) {
    toClose.add(closeable);
    return closeable;
  }
}
