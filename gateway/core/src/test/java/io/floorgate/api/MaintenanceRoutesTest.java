package io.floorgate.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.floorgate.alarm.AlarmEngine;
import io.floorgate.alarm.AlarmState;
import io.floorgate.config.ApiConfig;
import io.floorgate.config.ConfigLoader;
import io.floorgate.driver.Status;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import io.floorgate.reading.TimestampSource;
import io.floorgate.testkit.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** {@code /api/maintenance} on a real server, called by a real HTTP client. */
@Timeout(30)
class MaintenanceRoutesTest {

  static final String TOKEN = "maintenance-token-0123456789abcdef";
  static final String ID = "mixing.mx01.running.run-hours";
  static final String PLANT = """
      namespace: { enterprise: jxnmm, site: isohara }
      mqtt: { url: tcp://127.0.0.1:1883, clientId: maintenance-api-test }
      connections:
        - name: mixer
          endpoint: opc.tcp://127.0.0.1:4842/mixer
          area: mixing
          groups:
            - name: all
              tags:
                - { path: mx01/running, node: ns=2;s=R }
      alarms:
        rules:
          - { tag: mixing/mx01/running, type: runHours, interval: 2 }
      """;

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T07:00:00Z"));
  final HttpClient http = HttpClient.newHttpClient();
  final ListAppender<ILoggingEvent> audit = new ListAppender<>();
  final Logger auditLogger = (Logger) LoggerFactory.getLogger(Audit.LOGGER);
  AlarmEngine engine;
  ApiServer server;

  @BeforeEach
  void start() throws Exception {
    engine = new AlarmEngine(ConfigLoader.parse(PLANT, "api.yaml", Map.of()), clock, 100);
    engine.start();
    audit.start();
    auditLogger.addAppender(audit);
    Router router = new Router(TOKEN);
    MaintenanceRoutes.register(router, engine);
    server = new ApiServer(new ApiConfig("127.0.0.1", 0, TOKEN, 1 << 20, 8,
        Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30), List.of()),
        router, AlarmFeed.of(engine));
    server.start();
  }

  @AfterEach
  void stop() {
    auditLogger.detachAppender(audit);
    engine.close();
    server.close();
  }

  /** Runs the mixer for the whole service interval: its alarm is raised. */
  void runToTheInterval() {
    engine.offer(new Reading("mixer", "jxnmm/isohara/mixing/mx01/running", true, null,
        Quality.GOOD, Status.GOOD, clock.instant(), clock.instant(), TimestampSource.SOURCE,
        clock.instant()));
    await().atMost(Duration.ofSeconds(10)).until(() -> engine.counters().get(0).value() == 0.0
        && engine.alarm(ID) != null);
    clock.advance(Duration.ofHours(2));
    await().atMost(Duration.ofSeconds(10)).until(() -> engine.alarm(ID).active());
  }

  HttpResponse<String> reset(String id, String token, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
            + "/api/maintenance/" + id + "/reset"))
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void listShowsEveryCounterWithItsIntervalAndFraction() throws Exception {
    runToTheInterval();
    await().atMost(Duration.ofSeconds(10)).until(() -> engine.counters().get(0).value() == 2.0);
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + server.port() + "/api/maintenance")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    JsonNode counter = ApiResponse.JSON.readTree(response.body()).get(0);
    assertEquals(ID, counter.get("id").asText());
    assertEquals("jxnmm/isohara/mixing/mx01/running", counter.get("tag").asText());
    assertEquals("runHours", counter.get("kind").asText());
    assertEquals(2.0, counter.get("value").asDouble(), 1e-9);
    assertEquals(2.0, counter.get("interval").asDouble());
    assertEquals("h", counter.get("unit").asText());
    assertEquals(1.0, counter.get("fraction").asDouble(), 1e-9);
    assertTrue(counter.get("lastResetAt").isNull());
  }

  @Test
  void resetClearsTheAlarmAndWritesTheAuditLine() throws Exception {
    runToTheInterval();
    HttpResponse<String> response = reset(ID, TOKEN,
        "{\"by\": \"tanaka\", \"comment\": \"bearings greased\"}");
    assertEquals(200, response.statusCode(), response.body());
    JsonNode counter = ApiResponse.JSON.readTree(response.body());
    assertEquals(0.0, counter.get("value").asDouble());
    assertEquals("tanaka", counter.get("lastResetBy").asText());
    assertEquals("bearings greased", counter.get("comment").asText());
    assertEquals(clock.instant().toString(), counter.get("lastResetAt").asText());
    assertEquals(AlarmState.NORMAL, engine.alarm(ID).state());
    await().atMost(Duration.ofSeconds(5)).until(() -> audit.list.stream().anyMatch(e ->
        e.getFormattedMessage().startsWith("HTTP reset of maintenance counter '" + ID
            + "' by 'tanaka' from 127.0.0.1:") && e.getFormattedMessage().endsWith(
            " at 2.0, comment 'bearings greased': 200 done")));
  }

  @Test
  void resetWithAWrongTokenIsRefused401AndKeepsTheCounter() throws Exception {
    runToTheInterval();
    HttpResponse<String> response = reset(ID, "not-the-token", "{\"by\": \"tanaka\"}");
    assertEquals(401, response.statusCode());
    assertEquals(2.0, engine.counters().get(0).value(), 1e-9);
    assertTrue(engine.alarm(ID).active());
  }

  @Test
  void resetOfAnUnknownCounterIsNotFound() throws Exception {
    HttpResponse<String> response = reset("mixing.mx01.nothing.count", TOKEN,
        "{\"by\": \"tanaka\"}");
    assertEquals(404, response.statusCode());
    assertTrue(response.body().contains("GET /api/maintenance lists them"), response.body());
  }

  @Test
  void resetWithoutByIsABadRequest() throws Exception {
    HttpResponse<String> response = reset(ID, TOKEN, "{\"comment\": \"done\"}");
    assertEquals(400, response.statusCode());
    assertTrue(response.body().contains("'by' is missing"), response.body());
  }
}
