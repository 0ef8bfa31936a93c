package io.floorgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.floorgate.config.ConfigLoader;
import io.floorgate.config.GatewayConfig;
import io.floorgate.sim.PlcWriter;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import io.floorgate.testkit.Recorder;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The whole slice with real parts: the simulated PLCs (Milo servers on random ports) → OPC UA
 * driver → normalization → Paho publisher → Mosquitto on 127.0.0.1:1883 → a Paho subscriber.
 */
@Timeout(120)
class EndToEndTest {

  static final String BROKER = "tcp://127.0.0.1:1883";

  static SimulatedPlant plant;

  String prefix;
  Floorgate gateway;
  Recorder probe;

  @BeforeAll
  static void startPlant() throws Exception {
    plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 7, 0, 1.0));
  }

  @AfterAll
  static void stopPlant() throws Exception {
    plant.close();
  }

  @BeforeEach
  void startGateway() throws Exception {
    prefix = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    probe = Recorder.subscribe(BROKER, prefix + "/#");
    gateway = Floorgate.start(config(prefix));
  }

  @AfterEach
  void stopGateway() throws Exception {
    gateway.close();
    probe.close();
  }

  static GatewayConfig config(String prefix) throws Exception {
    return config(prefix, "");
  }

  /** Each gateway a buffer of its own: one started later must not replay another's backlog. */
  private static final java.util.concurrent.atomic.AtomicInteger BUFFERS =
      new java.util.concurrent.atomic.AtomicInteger();

  /** The test plant's config with {@code extra} YAML lines appended. */
  static GatewayConfig config(String prefix, String extra) throws Exception {
    try (InputStream in = EndToEndTest.class.getResourceAsStream("/e2e/plant.yaml")) {
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8) + extra;
      return ConfigLoader.parse(yaml, "e2e/plant.yaml", Map.of(
          "E2E_PREFIX", prefix,
          "E2E_BUFFER", prefix + "-" + BUFFERS.incrementAndGet(),
          "E2E_RHK01_PORT", Integer.toString(plant.plc("RHK01").port()),
          "E2E_MX01_PORT", Integer.toString(plant.plc("MX01").port())));
    }
  }

  String topic(String path) {
    return prefix + "/jxnmm/isohara/" + path;
  }

  JsonNode awaitGood(String path) {
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      JsonNode json = probe.latest(topic(path));
      return json != null && "GOOD".equals(json.path("quality").asText());
    });
    return probe.latest(topic(path));
  }

  @Test
  void subscribedKilnTemperatureArrivesInDegreesCelsiusWithGoodQuality() {
    JsonNode soak = awaitGood("calcination/rhk01/zone07/temperature");

    assertBetween(650, 850, soak.path("value").asDouble(), "soak zone temperature");
    assertEquals("°C", soak.path("unit").asText());
    assertEquals(0L, soak.path("status").path("code").asLong());
    assertTrue(Instant.parse(soak.path("timestamp").asText()).isAfter(Instant.now().minusSeconds(60)), soak::toString);
  }

  @Test
  void polledRawCountsAreScaledToLitresPerMinute() {
    JsonNode flow = awaitGood("calcination/rhk01/cooling-water/flow");

    assertEquals("l/min", flow.path("unit").asText());
    assertTrue(flow.path("value").isNumber(), flow::toString);
    // Raw counts run to 27648: a value within 0–400 has been scaled.
    assertBetween(0, 400, flow.path("value").asDouble(), "cooling water flow");
  }

  @Test
  void fahrenheitBearingTemperatureIsConvertedToCelsius() {
    JsonNode bearing = awaitGood("mixing/mx01/bearing/temperature");

    assertEquals("°C", bearing.path("unit").asText());
    // The simulator's bearings run at 120–160 °F, i.e. about 49–71 °C.
    assertBetween(40, 80, bearing.path("value").asDouble(), "bearing temperature");
  }

  @Test
  void mixerStateCodeIsPublishedAsItsName() {
    JsonNode state = awaitGood("mixing/mx01/state");

    assertTrue(List.of("idle", "charging", "mixing", "discharging", "fault").contains(state.path("value").asText()), state::toString);
  }

  @Test
  void heartbeatsOfEveryPlcArriveAndIncrease() {
    for (String path : List.of("calcination/rhk01/heartbeat", "mixing/mx01/heartbeat")) {
      await().atMost(Duration.ofSeconds(30)).until(() -> probe.on(topic(path)).size() >= 5);
      // Beats read before the broker connection came up are replayed beside live ones (marked
      // historical): each lane increases on its own.
      for (boolean historical : new boolean[] {false, true}) {
        List<Long> beats = probe.on(topic(path)).stream().map(m -> m.json())
            .filter(json -> json.path("historical").asBoolean(false) == historical)
            .map(json -> json.path("value").asLong()).toList();
        for (int i = 1; i < beats.size(); i++) {
          assertTrue(beats.get(i) > beats.get(i - 1),
              path + (historical ? " replayed" : " live") + " beats must increase: " + beats);
        }
      }
    }
  }

  @Test
  void metaTopicIsRetainedWithUnitAndRange() throws Exception {
    awaitGood("calcination/rhk01/zone07/temperature");
    try (Recorder late = Recorder.subscribe(BROKER,
        topic("calcination/rhk01/zone07/temperature/_meta"))) {
      await().atMost(Duration.ofSeconds(10))
          .until(() -> late.latest(topic("calcination/rhk01/zone07/temperature/_meta")) != null);
      JsonNode meta = late.latest(topic("calcination/rhk01/zone07/temperature/_meta"));
      assertEquals("°C", meta.path("unit").asText());
      assertEquals(1100.0, meta.path("range").path("high").asDouble());
    }
  }

  @Test
  void openThermocoupleIsBadWithSensorFailureOnThatTagOnly() throws Exception {
    awaitGood("calcination/rhk01/zone03/tc-a");
    awaitGood("calcination/rhk01/zone03/tc-b");
    awaitGood("calcination/rhk01/zone04/tc-a");
    Instant injected = Instant.now();
    try (PlcWriter writer = PlcWriter.connect(plant.plc("RHK01").endpointUrl())) {
      writer.write("ns=2;s=RHK01.Faults.TcOpenZone", 3);
      await().atMost(Duration.ofSeconds(20)).until(() -> {
        JsonNode tc = probe.latest(topic("calcination/rhk01/zone03/tc-a"));
        return tc != null && "BAD".equals(tc.path("quality").asText());
      });
      JsonNode open = probe.latest(topic("calcination/rhk01/zone03/tc-a"));
      assertEquals("Bad_SensorFailure", open.path("status").path("name").asText());
      assertTrue(open.path("value").isNull(), open::toString);

      // Everything else published since the fault is still GOOD.
      List<String> badElsewhere = probe.messages().stream()
          .filter(m -> !m.topic().endsWith("/_meta"))
          .filter(m -> !m.topic().equals(topic("calcination/rhk01/zone03/tc-a")))
          .filter(m -> Instant.parse(m.json().path("gatewayTime").asText()).isAfter(injected))
          .filter(m -> !"GOOD".equals(m.json().path("quality").asText()))
          .map(Recorder.Message::topic)
          .toList();
      assertEquals(List.of(), badElsewhere);
      assertEquals("GOOD", probe.latest(topic("calcination/rhk01/zone03/tc-b")).path("quality").asText());
    } finally {
      try (PlcWriter writer = PlcWriter.connect(plant.plc("RHK01").endpointUrl())) {
        writer.write("ns=2;s=RHK01.Faults.TcOpenZone", 0);
      }
    }
  }

  @Test
  void inTheBatchedFormEachPlcsReadingsArriveTogetherOnItsBatchTopic() throws Exception {
    gateway.close();
    gateway = Floorgate.start(config(prefix, "uns: { form: batched, maxBatch: 50 }\n"));
    String rhk01 = prefix + "/jxnmm/isohara/_batch/rhk01";

    await().atMost(Duration.ofSeconds(30)).until(() -> heartbeats(rhk01, false).size() >= 5);
    // Readings taken before the broker connection came up are a backlog, replayed beside live
    // data (marked historical): each lane is in order, not the two interleaved.
    for (boolean historical : new boolean[] {false, true}) {
      List<Long> beats = heartbeats(rhk01, historical);
      for (int i = 1; i < beats.size(); i++) {
        assertTrue(beats.get(i) > beats.get(i - 1),
            (historical ? "replayed" : "live") + " heartbeats in order: " + beats);
      }
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> !probe.on(prefix
        + "/jxnmm/isohara/_batch/mx01").isEmpty());
    JsonNode soak = probe.on(rhk01).stream()
        .flatMap(m -> stream(m.json().path("values")))
        .filter(v -> v.path("path").asText().equals("jxnmm/isohara/calcination/rhk01/zone07/temperature"))
        .findFirst().orElseThrow();
    assertEquals("°C", soak.path("unit").asText());
    assertEquals("GOOD", soak.path("quality").asText());
    assertTrue(probe.messages().stream().allMatch(m -> m.topic().contains("/_batch/")
        || m.topic().endsWith("/_meta")), "no per-tag value topics in the batched form");
  }

  private List<Long> heartbeats(String batchTopic, boolean historical) {
    return probe.on(batchTopic).stream()
        .flatMap(m -> stream(m.json().path("values")))
        .filter(v -> v.path("path").asText().endsWith("/heartbeat"))
        .filter(v -> v.path("historical").asBoolean(false) == historical)
        .map(v -> v.path("value").asLong())
        .toList();
  }

  private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false);
  }

  static void assertBetween(double low, double high, double actual, String what) {
    assertTrue(actual >= low && actual <= high, what + " " + actual + " not within " + low + "–" + high);
  }
}
