package io.floorgate.mqtt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.floorgate.Floorgate;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import io.floorgate.testkit.MoquetteBroker;
import io.floorgate.testkit.Recorder;
import io.floorgate.testkit.Recorder311;
import io.floorgate.testkit.TestPlant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.eclipse.tahu.model.MetricDataTypeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The gateway against a broker that speaks only MQTT 3.1.1 (Moquette, in-process), read by an
 * MQTT 3.1.1 consumer: with the default {@code protocol: auto} every lane (UNS, Sparkplug,
 * alarms) falls back to 3.1.1 by itself and says so once; {@code protocol: 5} says what to set.
 */
@Timeout(120)
class Mqtt311BrokerTest {

  static final Duration WAIT = Duration.ofSeconds(40);
  static final String FALLBACK = "speaks MQTT 3.1.1 with";

  @TempDir Path dir;
  static SimulatedPlant plant;
  MoquetteBroker broker;
  Floorgate gateway;
  final ListAppender<ILoggingEvent> log = new ListAppender<>();
  final Logger floorgateLog = (Logger) LoggerFactory.getLogger("io.floorgate");

  @BeforeAll
  static void startPlant() {
    plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 15, 0, 1.0));
  }

  @AfterAll
  static void stopPlant() {
    plant.close();
  }

  @BeforeEach
  void startBroker() throws Exception {
    log.start();
    floorgateLog.addAppender(log);
    broker = MoquetteBroker.start();
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    broker.close();
    floorgateLog.detachAppender(log);
  }

  String lanes(String protocolLine) {
    return """
        mqtt:
          url: %s
          clientId: uns-lane
          connectTimeout: 3s
          %s
        sparkplug: { enabled: true, clientId: sparkplug-lane }
        alarms:
          clientId: alarm-lane
          %s
        """.formatted(broker.url(), protocolLine, TestPlant.HI_RULES);
  }

  @Test
  void everyLaneConnectsWithProtocolAutoAndDeliversToAn311Consumer() throws Exception {
    try (Recorder311 consumer = Recorder311.subscribe(broker.url(), "#")) {
      gateway = Floorgate.start(TestPlant.lanes(plant, dir, lanes("")));

      String ddata = "spBv1.0/isohara/DDATA/" + TestPlant.NODE + "/" + TestPlant.KILN;
      await().atMost(WAIT).untilAsserted(() -> assertEquals(List.of(), consumer.missing(
          TestPlant.HEARTBEAT_TOPIC, TestPlant.ALARM_STATE, TestPlant.NBIRTH,
          TestPlant.DBIRTH + TestPlant.KILN, TestPlant.DBIRTH + TestPlant.MIXER, ddata),
          "not delivered"));

      Recorder.Message value = consumer.on(TestPlant.HEARTBEAT_TOPIC).get(0);
      assertTrue(value.json().get("value").isNumber(), value.text());
      // Values read before the UNS lane was up are backlog, marked; live ones are not.
      await().atMost(WAIT).until(() -> consumer.on(TestPlant.HEARTBEAT_TOPIC).stream()
          .anyMatch(m -> !m.json().has("historical")));
      await().atMost(WAIT).until(() -> consumer.on(TestPlant.ALARM_STATE).stream()
          .anyMatch(m -> "UNACKED".equals(m.json().path("state").asText())));
      SparkplugBPayload nbirth = decode(consumer.on(TestPlant.NBIRTH).get(0));
      assertEquals(0L, nbirth.getSeq());
      assertTrue(nbirth.getMetrics().stream().anyMatch(m -> m.getName().equals("bdSeq")));
      SparkplugBPayload kiln = decode(consumer.on(TestPlant.DBIRTH + TestPlant.KILN).get(0));
      assertTrue(kiln.getMetrics().stream().map(Metric::getName).toList()
          .contains(TestPlant.KILN + "/zone03/temperature"));

      // 3.1.1 drops the Will on a clean DISCONNECT: the node publishes its NDEATH itself.
      gateway.close();
      gateway = null;
      String ndeath = "spBv1.0/isohara/NDEATH/" + TestPlant.NODE;
      await().atMost(WAIT).until(() -> !consumer.on(ndeath).isEmpty());
      assertEquals(bdSeq(nbirth), bdSeq(decode(consumer.on(ndeath).get(0))));
    }
    // Each lane says once which version it speaks and what it goes without.
    for (String lane : List.of("UNS", "Sparkplug", "alarm")) {
      List<String> lines = info().stream()
          .filter(m -> m.startsWith("MQTT " + lane + " connection " + FALLBACK)).toList();
      assertEquals(1, lines.size(), lane + ": " + lines);
      assertTrue(lines.get(0).contains("protocol: auto uses 3.1.1"), lines.get(0));
      assertTrue(lines.get(0).contains("user properties"), lines.get(0));
    }
    assertEquals(List.of(), warnings().stream()
        .filter(m -> m.contains("not reachable") || m.contains("connection of edge node"))
        .toList(), "falling back is not a failure");
  }

  @Test
  void protocol311AsConfiguredConnectsWithoutTryingMqtt5() throws Exception {
    try (Recorder311 consumer = Recorder311.subscribe(broker.url(), "#")) {
      gateway = Floorgate.start(TestPlant.lanes(plant, dir, lanes("protocol: 3.1.1")));

      await().atMost(WAIT).untilAsserted(() -> assertEquals(List.of(), consumer.missing(
          TestPlant.HEARTBEAT_TOPIC, TestPlant.ALARM_STATE, TestPlant.NBIRTH), "not delivered"));
    }
    assertTrue(info().stream().anyMatch(m -> m.startsWith("MQTT UNS connection " + FALLBACK)
        && m.contains("as configured (protocol: 3.1.1)")), info().toString());
  }

  @Test
  void protocol5AgainstAn311BrokerSaysToSetAutoOr311() throws Exception {
    gateway = Floorgate.start(TestPlant.lanes(plant, dir, lanes("protocol: 5")));

    await().atMost(WAIT).untilAsserted(() -> assertTrue(warnings().stream().anyMatch(m ->
            m.contains("uns-lane") && m.contains("speaks only MQTT 3.1.1")
                && m.contains("set protocol: auto (or protocol: 3.1.1)")),
        () -> "no warning says so; the warnings: " + warnings()));
    assertTrue(info().stream().noneMatch(m -> m.contains(FALLBACK)), "never fell back");
  }

  static Object bdSeq(SparkplugBPayload payload) {
    return payload.getMetrics().stream().filter(m -> m.getName().equals("bdSeq")).findFirst()
        .orElseThrow().getValue();
  }

  static SparkplugBPayload decode(Recorder.Message message) throws Exception {
    return new SparkplugBPayloadDecoder().buildFromByteArray(message.payload(),
        new MetricDataTypeMap());
  }

  List<String> info() {
    return messages(Level.INFO);
  }

  List<String> warnings() {
    return messages(Level.WARN);
  }

  List<String> messages(Level level) {
    List<ILoggingEvent> events;
    synchronized (log) {
      events = List.copyOf(log.list);
    }
    return events.stream().filter(e -> e.getLevel().equals(level))
        .map(ILoggingEvent::getFormattedMessage).toList();
  }
}
