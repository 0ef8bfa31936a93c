package io.floorgate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floorgate.config.ConfigLoader;
import io.floorgate.config.GatewayConfig;
import io.floorgate.sim.PlcWriter;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import io.floorgate.testkit.MqttTestClient;
import io.floorgate.testkit.Recorder;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alarm lane with real parts: a fault written into the simulated kiln → OPC UA driver →
 * alarm engine → a WebSocket client (java.net.http) and a Paho subscriber on Mosquitto → ack and
 * shelve over HTTP with the token → the new state on both.
 */
@Timeout(120)
class AlarmEndToEndTest {

  static final String BROKER = "tcp://127.0.0.1:1883";
  static final String TOKEN = "e2e-token-" + UUID.randomUUID();
  static final String HI = "calcination.rhk01.zone03.temperature.hi";
  /** The AckedState/Id of the kiln's {@code OverTemperature}, as Milo names instance nodes. */
  static final String ACKED_ID = "ns=2;s=RHK01.Alarms.OverTemperature/0:AckedState/0:Id";
  static final ObjectMapper JSON = new ObjectMapper();

  static SimulatedPlant plant;

  @TempDir
  Path dir;
  String prefix;
  Floorgate gateway;
  Recorder probe;
  WebSocket socket;
  final List<JsonNode> stream = new CopyOnWriteArrayList<>();
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startPlant() throws Exception {
    plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 11, 0, 1.0));
  }

  @AfterAll
  static void stopPlant() throws Exception {
    plant.close();
  }

  @BeforeEach
  void start() throws Exception {
    prefix = "e2e-alarms-" + UUID.randomUUID().toString().substring(0, 8);
    probe = Recorder.subscribe(BROKER, prefix + "/#");
    try (InputStream in = getClass().getResourceAsStream("/e2e/alarms.yaml")) {
      GatewayConfig config = ConfigLoader.parse(new String(in.readAllBytes(),
          StandardCharsets.UTF_8), "e2e/alarms.yaml", Map.of("E2E_PREFIX", prefix,
          "E2E_RHK01_PORT", Integer.toString(plant.plc("RHK01").port()),
          "E2E_STATE_FILE", dir.resolve("alarms.json").toString(), "E2E_TOKEN", TOKEN));
      gateway = Floorgate.start(config);
    }
    socket = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:"
        + gateway.api().port() + "/alarms/stream"), new Collector()).get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    try (PlcWriter writer = PlcWriter.connect(plant.plc("RHK01").endpointUrl())) {
      writer.write("ns=2;s=RHK01.Faults.OverTempZone", 0);
    }
    socket.abort();
    gateway.close();
    clearRetained();
    probe.close();
  }

  /** Collects the stream's JSON messages. */
  final class Collector implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          stream.add(JSON.readTree(partial.toString()));
        } catch (java.io.IOException e) {
          throw new AssertionError("stream sent something that is not JSON: " + partial, e);
        }
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }

  String stateTopic(String levels) {
    return prefix + "/jxnmm/isohara/calcination/_alarms/state/" + levels;
  }

  String eventTopic(String levels) {
    return prefix + "/jxnmm/isohara/calcination/_alarms/events/" + levels;
  }

  JsonNode awaitStream(String transition, String state) {
    await().atMost(Duration.ofSeconds(30)).until(() -> stream.stream().anyMatch(m ->
        transition.equals(m.path("transition").asText()) && HI.equals(m.path("alarm").path("id")
            .asText()) && state.equals(m.path("alarm").path("state").asText())));
    return stream.stream().filter(m -> transition.equals(m.path("transition").asText()))
        .reduce((a, b) -> b).orElseThrow();
  }

  void awaitMqttState(String state) {
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      JsonNode retained = probe.latest(stateTopic("rhk01/zone03/temperature/hi"));
      return retained != null && state.equals(retained.path("state").asText());
    });
  }

  HttpResponse<String> post(String path, String body, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + gateway.api().port() + path)).POST(HttpRequest.BodyPublishers.ofString(body))
        .timeout(Duration.ofSeconds(10));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void overTemperatureReachesStreamAndMqttAndIsAcknowledgedAndShelvedOverHttp() throws Exception {
    await().atMost(Duration.ofSeconds(30)).until(() -> !stream.isEmpty());
    assertEquals("snapshot", stream.get(0).path("type").asText());

    try (PlcWriter writer = PlcWriter.connect(plant.plc("RHK01").endpointUrl())) {
      writer.write("ns=2;s=RHK01.Faults.OverTempZone", 3);
    }
    JsonNode raise = awaitStream("RAISE", "UNACKED");
    assertTrue(raise.path("alarm").path("value").asDouble() > 520, raise::toString);
    assertEquals("°C", raise.path("alarm").path("unit").asText());
    assertEquals("jxnmm/isohara/calcination/rhk01/zone03/temperature",
        raise.path("alarm").path("tag").asText());
    awaitMqttState("UNACKED");
    await().atMost(Duration.ofSeconds(30)).until(() -> probe.on(eventTopic(
        "rhk01/zone03/temperature/hi")).stream().anyMatch(m -> !m.retained()
            && "RAISE".equals(m.json().path("transition").asText())));

    assertEquals(401, post("/api/alarms/" + HI + "/ack", "{\"by\":\"tanaka\"}", null).statusCode());
    HttpResponse<String> ack = post("/api/alarms/" + HI + "/ack",
        "{\"by\":\"tanaka\",\"comment\":\"burner 3 checked\"}", TOKEN);
    assertEquals(200, ack.statusCode(), ack.body());
    JsonNode acked = awaitStream("ACK", "ACKED");
    assertEquals("tanaka", acked.path("by").asText());
    assertEquals("burner 3 checked", acked.path("alarm").path("comment").asText());
    awaitMqttState("ACKED");
    assertEquals("tanaka", probe.latest(stateTopic("rhk01/zone03/temperature/hi"))
        .path("ackedBy").asText());

    HttpResponse<String> shelve = post("/api/alarms/" + HI + "/shelve",
        "{\"by\":\"tanaka\",\"duration\":\"30m\",\"comment\":\"burner service\"}", TOKEN);
    assertEquals(200, shelve.statusCode(), shelve.body());
    awaitStream("SHELVE", "SHELVED");
    awaitMqttState("SHELVED");
    // Back from the shelf while still over the limit, it is annunciated again.
    assertEquals(200, post("/api/alarms/" + HI + "/unshelve", "", TOKEN).statusCode());
    awaitMqttState("UNACKED");
  }

  @Test
  void newStreamClientGetsTheActiveAlarmInItsSnapshot() throws Exception {
    try (PlcWriter writer = PlcWriter.connect(plant.plc("RHK01").endpointUrl())) {
      writer.write("ns=2;s=RHK01.Faults.OverTempZone", 3);
    }
    awaitStream("RAISE", "UNACKED");
    List<JsonNode> late = new CopyOnWriteArrayList<>();
    WebSocket second = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:"
        + gateway.api().port() + "/alarms/stream"), new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            try {
              late.add(JSON.readTree(data.toString()));
            } catch (java.io.IOException e) {
              throw new AssertionError(e);
            }
            ws.request(1);
            return null;
          }
        }).get(10, TimeUnit.SECONDS);
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> !late.isEmpty());
      JsonNode snapshot = late.get(0);
      assertEquals("snapshot", snapshot.path("type").asText());
      assertTrue(snapshot.path("alarms").findValuesAsText("id").contains(HI), snapshot::toString);
      assertFalse(late.stream().skip(1).anyMatch(m -> "snapshot".equals(m.path("type").asText())));
    } finally {
      second.abort();
    }
  }

  /**
   * Every RAISE is timed once per stage of the lane: its WebSocket frame (one client here), its
   * PUBLISH and its PUBACK; an ACK is not timed (its alarm carries the tripping reading's time).
   */
  @Test
  void raiseIsTimedAtEachStageOfTheLane() throws Exception {
    try (PlcWriter writer = PlcWriter.connect(plant.plc("RHK01").endpointUrl())) {
      writer.write("ns=2;s=RHK01.Faults.OverTempZone", 3);
    }
    awaitStream("RAISE", "UNACKED");
    await().atMost(Duration.ofSeconds(30)).until(() -> raisesPublished() >= 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> timed("websocket") == raisesStreamed()
        && timed("mqtt-publish") == raisesPublished()
        && timed("mqtt-puback") == raisesPublished());
    long raises = raisesStreamed();

    HttpResponse<String> ack = post("/api/alarms/" + HI + "/ack", "{\"by\":\"tanaka\"}", TOKEN);
    assertEquals(200, ack.statusCode(), ack.body());
    awaitStream("ACK", "ACKED");
    await().atMost(Duration.ofSeconds(30)).until(() -> probe.on(eventTopic(
        "rhk01/zone03/temperature/hi")).stream().anyMatch(m -> !m.retained()
            && "ACK".equals(m.json().path("transition").asText())));
    assertEquals(raises, raisesStreamed(), "no other alarm was raised meanwhile");
    assertEquals(raises, timed("websocket"));
    assertEquals(raises, timed("mqtt-publish"));
    await().atMost(Duration.ofSeconds(10)).until(() -> timed("mqtt-puback") == raises);
  }

  long timed(String stage) {
    return gateway.operations().registry().get("floorgate.alarms.latency").tag("stage", stage)
        .timer().count();
  }

  /** RAISEs the WebSocket client received that carry a hand-over time (all rule alarms do). */
  long raisesStreamed() {
    return stream.stream().filter(m -> "RAISE".equals(m.path("transition").asText())
        && m.path("alarm").hasNonNull("gatewayTime")).count();
  }

  /** The same on the alarm MQTT lane's events topics. */
  long raisesPublished() {
    return probe.messages().stream().filter(m -> m.topic().contains("/_alarms/events/")
        && !m.retained() && "RAISE".equals(m.json().path("transition").asText())
        && m.json().path("alarm").hasNonNull("gatewayTime")).count();
  }

  @Test
  void plcConditionJoinsTheModelAndItsAckReachesThePlc() throws Exception {
    String id = "calcination.rhk01.conditions.overtemperature";
    try (PlcWriter writer = PlcWriter.connect(plant.plc("RHK01").endpointUrl())) {
      writer.write("ns=2;s=RHK01.Faults.OverTempZone", 5);
    }
    await().atMost(Duration.ofSeconds(45)).until(() -> stream.stream().anyMatch(m ->
        "RAISE".equals(m.path("transition").asText())
            && id.equals(m.path("alarm").path("id").asText())));
    JsonNode alarm = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + gateway.api().port() + "/api/alarms/" + id)).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    assertEquals("CONDITION", alarm.path("type").asText());
    assertEquals("HIGH", alarm.path("priority").asText());
    assertTrue(alarm.path("message").asText().startsWith("Zone 05 over-temperature"),
        alarm::toString);

    HttpResponse<String> ack = post("/api/alarms/" + id + "/ack",
        "{\"by\":\"tanaka\",\"comment\":\"kiln crew informed\"}", TOKEN);
    assertEquals(200, ack.statusCode(), ack.body());
    assertEquals("ACKED", JSON.readTree(ack.body()).path("state").asText());
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      JsonNode retained = probe.latest(stateTopic("rhk01/conditions/overtemperature"));
      return retained != null && "ACKED".equals(retained.path("state").asText())
          && "tanaka".equals(retained.path("ackedBy").asText());
    });
    try (PlcWriter plc = PlcWriter.connect(plant.plc("RHK01").endpointUrl())) {
      assertEquals(true, plc.read(ACKED_ID), "the simulator's condition is acknowledged");
    }
  }

  /** Retained alarm states would outlive the test on the shared broker: clear them. */
  void clearRetained() throws Exception {
    List<String> topics = probe.messages().stream().filter(Recorder.Message::retained)
        .map(Recorder.Message::topic).distinct().toList();
    List<String> states = probe.messages().stream().map(Recorder.Message::topic)
        .filter(t -> t.contains("/_alarms/state/")).distinct().toList();
    MqttTestClient.clearRetained(BROKER, states.isEmpty() ? topics : states);
  }
}
