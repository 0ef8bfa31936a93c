package io.floorgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floorgate.ops.ConfigWatcher;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import io.floorgate.testkit.Recorder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metrics, health and hot reload with real parts: the simulator, the OPC UA driver, Mosquitto on
 * 127.0.0.1:1883, the Netty server on a free port and java.net.http as the scraper.
 */
@Timeout(180)
class OperationsTest {

  static final String BROKER = "tcp://127.0.0.1:1883";
  static final ObjectMapper JSON = new ObjectMapper();
  static SimulatedPlant plant;

  @TempDir
  Path dir;
  String prefix;
  OpsPlant config;
  Floorgate gateway;
  Recorder probe;
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
    prefix = "ops-" + UUID.randomUUID().toString().substring(0, 8);
    probe = Recorder.subscribe(BROKER, prefix + "/#");
    config = new OpsPlant(plant, dir, prefix, "ops-token-" + UUID.randomUUID()).write(false, "900");
    gateway = Floorgate.start(config.load());
  }

  @AfterEach
  void stop() throws Exception {
    gateway.close();
    probe.close();
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.api().port()
        + path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  double metric(String text, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  @Test
  void metricsMoveAndHealthTellsTheConnections() throws Exception {
    await().atMost(Duration.ofSeconds(60)).until(() -> get("/health/ready").statusCode() == 200);
    JsonNode ready = JSON.readTree(get("/health/ready").body());
    assertEquals("UP", ready.path("status").asText());
    assertTrue(ready.path("outputs").path("uns").path("ready").asBoolean());
    assertTrue(ready.path("outputs").path("alarms").path("ready").asBoolean());
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      JsonNode r = JSON.readTree(get("/health/ready").body());
      assertEquals(java.util.List.of("CONNECTED", "CONNECTED"),
          r.path("connections").findValuesAsText("state"));
      assertEquals(java.util.List.of("mx01", "rhk01"), r.path("connections").findValuesAsText("name"));
    });
    assertEquals(200, get("/health/live").statusCode());

    HttpResponse<String> first = get("/metrics");
    assertTrue(first.headers().firstValue("content-type").orElseThrow().startsWith("text/plain"));
    String series = "floorgate_plc_samples_total{connection=\"rhk01\"}";
    double before = metric(first.body(), series);
    double published = metric(first.body(),
        "floorgate_mqtt_publishes_total{client=\"telemetry\",result=\"acked\"}");
    for (String expected : java.util.List.of("floorgate_plc_connected{connection=\"mx01\"} 1.0",
        "floorgate_mqtt_connected{client=\"telemetry\"} 1.0", "floorgate_buffer_depth{output=\"uns\"}",
        "floorgate_buffer_oldest_age_seconds{output=\"uns\"}", "floorgate_alarms{priority=\"high\",state=\"unacked\"}",
        "floorgate_normalize_errors_total{kind=\"unknown-tag\"}", "floorgate_api_websocket_clients ",
        "jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads", "process_cpu_usage",
        "process_files_open_files", "floorgate_plc_last_data_age_seconds{connection=\"rhk01\"}")) {
      assertTrue(first.body().contains(expected), expected + " missing from /metrics");
    }
    // Tags are connection names or fixed words, never node ids or topics.
    assertFalse(first.body().contains("ns=2"));
    assertFalse(first.body().contains(prefix + "/"));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      String now = get("/metrics").body();
      assertTrue(metric(now, series) > before);
      assertTrue(metric(now, "floorgate_mqtt_publishes_total{client=\"telemetry\","
          + "result=\"acked\"}") > published);
      assertTrue(metric(now, "floorgate_mqtt_publish_latency_seconds_count{client=\"telemetry\"}")
          > 0, "acknowledged readings are timed");
      double median = metric(now, "floorgate_mqtt_publish_latency_seconds{client=\"telemetry\","
          + "quantile=\"0.5\"}");
      assertTrue(median >= 0 && median < 5, "median publish latency " + median + " s");
    });
  }

  @Test
  void anEditUnderARunningGatewayIsAppliedAndABrokenOneRefused() throws Exception {
    String mx01Heartbeat = prefix + "/jxnmm/isohara/mixing/mx01/heartbeat";
    String zone04 = prefix + "/jxnmm/isohara/calcination/rhk01/zone04/temperature";
    await().atMost(Duration.ofSeconds(60)).until(() -> !probe.on(mx01Heartbeat).isEmpty()
        && gateway.operations().links().link("rhk01").state().name().equals("CONNECTED"));
    long mx01Reconnects = gateway.operations().links().link("mx01").reconnects();
    var mx01Since = gateway.operations().links().link("mx01").since();

    try (ConfigWatcher watcher = new ConfigWatcher(config.file, config.env, gateway::reload,
        gateway.operations()).start(false)) {
      // A new tag on the kiln and a changed alarm limit: applied, MX01 keeps its session.
      config.write(true, "300");
      await().atMost(Duration.ofSeconds(60)).until(() -> !probe.on(zone04).isEmpty());
      await().atMost(Duration.ofSeconds(30)).until(() -> gateway.alarms()
          .alarm("calcination.rhk01.zone03.temperature.hi").state().name().equals("UNACKED"));
      assertEquals(3, gateway.config().connections().get(0).groups().get(0).tags().size());
      assertEquals(mx01Reconnects, gateway.operations().links().link("mx01").reconnects());
      assertEquals(mx01Since, gateway.operations().links().link("mx01").since());
      int heartbeats = probe.on(mx01Heartbeat).size();
      await().atMost(Duration.ofSeconds(10)).until(() -> probe.on(mx01Heartbeat).size()
          > heartbeats + 5);
      await().atMost(Duration.ofSeconds(10)).until(() -> metric(get("/metrics").body(),
          "floorgate_config_reloads_total{result=\"applied\"}") == 1.0);

      // A broken edit: refused with its errors counted, the running config untouched.
      Files.writeString(config.file, Files.readString(config.file)
          .replace("unit: A }", "unit: amperes-ish }")
          .replace("samplingInterval: 100ms", "samplingInterval: fast"));
      await().atMost(Duration.ofSeconds(30)).until(() -> metric(get("/metrics").body(),
          "floorgate_config_reloads_total{result=\"refused\"}") == 1.0);
      assertTrue(metric(get("/metrics").body(), "floorgate_config_reload_errors_total") >= 2.0);
      assertEquals(3, gateway.config().connections().get(0).groups().get(0).tags().size());
      int zone04Count = probe.on(zone04).size();
      await().atMost(Duration.ofSeconds(10)).until(() -> probe.on(zone04).size() > zone04Count);
      assertEquals(mx01Reconnects, gateway.operations().links().link("mx01").reconnects());

      // SIGHUP's path: the same file reloaded on request, still refused.
      watcher.hangup();
      await().atMost(Duration.ofSeconds(30)).until(() -> metric(get("/metrics").body(),
          "floorgate_config_reloads_total{result=\"refused\"}") == 2.0);
    }
  }
}
