package io.floorgate.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floorgate.alarm.AlarmEngine;
import io.floorgate.config.ConfigLoader;
import io.floorgate.testkit.MutableClock;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code GET /api/alarms?class=maintenance} on a real engine whose stale heartbeat rule is judged
 * on the engine's own ticks while the test moves the clock.
 */
@Timeout(30)
class MaintenanceClassFilterTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String STALE = "calcination.k.heartbeat.stale";

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T07:00:00Z"));
  AlarmEngine engine;
  EmbeddedChannel channel;

  @BeforeEach
  void start() throws Exception {
    engine = new AlarmEngine(ConfigLoader.parse("""
        namespace: { enterprise: jxnmm, site: isohara }
        mqtt: { url: tcp://127.0.0.1:1883 }
        connections:
          - name: kiln
            endpoint: opc.tcp://127.0.0.1:4841/kiln
            area: calcination
            groups:
              - name: all
                tags:
                  - { path: k/temp, node: ns=2;s=T, unit: °C }
                  - { path: k/heartbeat, node: ns=2;s=H }
        alarms:
          communication: { enabled: false }
          rules:
            - { tag: calcination/k/temp, type: hi, limit: 100 }
            - { tag: calcination/k/heartbeat, type: stale, for: 1m }
        """, "api-test.yaml", Map.of()), clock, 100);
    engine.start();
    Router router = new Router("test-token-0123456789abcdef");
    AlarmRoutes.register(router, engine);
    channel = new EmbeddedChannel(new RouterHandler(router));
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  JsonNode get(String uri) throws Exception {
    channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri,
        Unpooled.EMPTY_BUFFER));
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      channel.runPendingTasks();
      return !channel.outboundMessages().isEmpty();
    });
    FullHttpResponse response = channel.readOutbound();
    try {
      assertEquals(200, response.status().code());
      return JSON.readTree(response.content().toString(StandardCharsets.UTF_8));
    } finally {
      response.release();
    }
  }

  @Test
  void classMaintenanceListsTheStaleHeartbeatRaisedOnTheEnginesTicks() throws Exception {
    // The heartbeat never sends: the clock moves 10 s at each poll, the engine ticks on its own.
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
      clock.advance(Duration.ofSeconds(10));
      return engine.alarm(STALE).active();
    });
    JsonNode maintenance = get("/api/alarms?class=maintenance");
    assertEquals(1, maintenance.size());
    assertEquals(STALE, maintenance.get(0).path("id").asText());
    assertEquals("MAINTENANCE", maintenance.get(0).path("class").asText());
    assertEquals("UNACKED", maintenance.get(0).path("state").asText());
    JsonNode process = get("/api/alarms?class=process");
    assertEquals(1, process.size());
    assertEquals("calcination.k.temp.hi", process.get(0).path("id").asText());
    assertFalse(channel.finish());
  }
}
