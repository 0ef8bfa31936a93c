package io.floorgate.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floorgate.alarm.AlarmEngine;
import io.floorgate.config.ConfigLoader;
import io.floorgate.config.GatewayConfig;
import io.floorgate.driver.Status;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import io.floorgate.reading.TimestampSource;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The alarm API's routes in an {@link EmbeddedChannel}, on a real alarm engine. */
@Timeout(30)
class RouterHandlerTest {

  static final String TOKEN = "test-token-0123456789abcdef";
  static final String ID = "calcination.k.temp.hi";
  static final ObjectMapper JSON = new ObjectMapper();

  AlarmEngine engine;
  EmbeddedChannel channel;

  record Answer(int status, JsonNode json, @Nullable String authenticate) {}

  /** One kiln temperature with a high alarm: the alarm {@link #ID}, and no other. */
  static GatewayConfig kilnConfig() throws Exception {
    return ConfigLoader.parse("""
        namespace: { enterprise: jxnmm, site: isohara }
        mqtt: { url: tcp://127.0.0.1:1883 }
        connections:
          - name: kiln
            endpoint: opc.tcp://127.0.0.1:4841/kiln
            area: calcination
            groups: [ { name: all, tags: [ { path: k/temp, node: ns=2;s=T, unit: °C } ] } ]
        alarms:
          communication: { enabled: false }
          rules: [ { tag: calcination/k/temp, type: hi, limit: 100 } ]
        """, "api-test.yaml", Map.of());
  }

  @BeforeEach
  void start() throws Exception {
    engine = new AlarmEngine(kilnConfig(), Clock.systemUTC(), 100);
    engine.start();
    Router router = new Router(TOKEN);
    AlarmRoutes.register(router, engine);
    router.getNow("/api/broken", request -> {
      throw new IllegalStateException("secret internals");
    });
    channel = new EmbeddedChannel(new RouterHandler(router));
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  Answer call(HttpMethod method, String uri, String body, @Nullable String token) throws Exception {
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
        Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    HttpUtil.setContentLength(request, request.content().readableBytes());
    if (token != null) {
      request.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
    }
    channel.writeInbound(request);
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      channel.runPendingTasks();
      return !channel.outboundMessages().isEmpty();
    });
    FullHttpResponse response = channel.readOutbound();
    try {
      assertTrue(response.headers().get(HttpHeaderNames.CONTENT_TYPE).startsWith("application/json"));
      return new Answer(response.status().code(),
          JSON.readTree(response.content().toString(StandardCharsets.UTF_8)),
          response.headers().get(HttpHeaderNames.WWW_AUTHENTICATE));
    } finally {
      response.release();
    }
  }

  void raise() {
    Instant now = Instant.now();
    engine.offer(new Reading("kiln", "jxnmm/isohara/calcination/k/temp", 120.0, "°C",
        Quality.GOOD, Status.GOOD, now, now, TimestampSource.SOURCE, now));
    await().atMost(Duration.ofSeconds(10)).until(() -> engine.alarm(ID).active());
  }

  @Test
  void listsEveryAlarmWithoutToken() throws Exception {
    Answer answer = call(HttpMethod.GET, "/api/alarms", "", null);
    assertEquals(200, answer.status());
    assertEquals(ID, answer.json().get(0).path("id").asText());
    assertEquals("NORMAL", answer.json().get(0).path("state").asText());
    assertFalse(channel.finish());
  }

  @Test
  void activeTrueListsOnlyAlarmsWhoseConditionIsPresent() throws Exception {
    assertEquals(0, call(HttpMethod.GET, "/api/alarms?active=true", "", null).json().size());
    assertEquals(1, call(HttpMethod.GET, "/api/alarms?active=false", "", null).json().size());
    raise();
    Answer active = call(HttpMethod.GET, "/api/alarms?active=true", "", null);
    assertEquals(200, active.status());
    assertEquals(1, active.json().size());
    assertEquals(ID, active.json().get(0).path("id").asText());
    assertEquals(0, call(HttpMethod.GET, "/api/alarms?active=false", "", null).json().size());
    assertFalse(channel.finish());
  }

  @Test
  void stateAndPriorityFiltersAreCombined() throws Exception {
    raise();
    String priority = call(HttpMethod.GET, "/api/alarms", "", null).json().get(0)
        .path("priority").asText().toLowerCase(java.util.Locale.ROOT);
    assertEquals(1, call(HttpMethod.GET, "/api/alarms?state=acked,Unacked&priority=" + priority,
        "", null).json().size());
    assertEquals(0, call(HttpMethod.GET, "/api/alarms?state=normal", "", null).json().size());
    assertEquals(0, call(HttpMethod.GET, "/api/alarms?state=unacked&priority="
        + (priority.equals("low") ? "urgent" : "low"), "", null).json().size());
    assertFalse(channel.finish());
  }

  @Test
  void aFilterItCannotApplyIs400SayingWhatIsAllowed() throws Exception {
    Answer typo = call(HttpMethod.GET, "/api/alarms?actve=true", "", null);
    assertEquals(400, typo.status());
    assertTrue(typo.json().path("message").asText().contains("active, class, priority, state"),
        typo.json().toString());
    Answer value = call(HttpMethod.GET, "/api/alarms?active=yes", "", null);
    assertEquals(400, value.status());
    assertTrue(value.json().path("message").asText().contains("true"), value.json().toString());
    Answer state = call(HttpMethod.GET, "/api/alarms?state=raised", "", null);
    assertEquals(400, state.status());
    assertTrue(state.json().path("message").asText().contains("rtn_unacked"),
        state.json().toString());
    assertFalse(channel.finish());
  }

  @Test
  void ackWithoutTokenIs401AndChangesNothing() throws Exception {
    raise();
    Answer answer = call(HttpMethod.POST, "/api/alarms/" + ID + "/ack", "{\"by\":\"tanaka\"}", null);
    assertEquals(401, answer.status());
    assertEquals("Bearer", answer.authenticate());
    assertEquals(401, call(HttpMethod.POST, "/api/alarms/" + ID + "/ack", "{\"by\":\"tanaka\"}",
        "wrong-token-0123456789abcdef").status());
    assertFalse(engine.alarm(ID).acked());
    assertFalse(channel.finish());
  }

  @Test
  void ackWithTokenAcknowledges() throws Exception {
    raise();
    Answer answer = call(HttpMethod.POST, "/api/alarms/" + ID + "/ack",
        "{\"by\":\"tanaka\",\"comment\":\"burner checked\"}", TOKEN);
    assertEquals(200, answer.status());
    assertEquals("ACKED", answer.json().path("state").asText());
    assertEquals("tanaka", answer.json().path("ackedBy").asText());
    assertEquals("burner checked", answer.json().path("comment").asText());
    assertFalse(channel.finish());
  }

  @Test
  void unknownAlarmIs404() throws Exception {
    Answer answer = call(HttpMethod.POST, "/api/alarms/no.such.alarm/ack", "{\"by\":\"tanaka\"}",
        TOKEN);
    assertEquals(404, answer.status());
    assertTrue(answer.json().path("message").asText().contains("no.such.alarm"));
    assertEquals(404, call(HttpMethod.GET, "/api/nothing-here", "", null).status());
    assertFalse(channel.finish());
  }

  @Test
  void malformedBodiesAre400WithWhatToSend() throws Exception {
    raise();
    for (String body : new String[] {"", "{not json", "[1,2]", "{\"comment\":\"no by\"}",
        "{\"by\": 7}"}) {
      Answer answer = call(HttpMethod.POST, "/api/alarms/" + ID + "/ack", body, TOKEN);
      assertEquals(400, answer.status(), body);
      assertEquals("bad request", answer.json().path("error").asText(), body);
    }
    Answer shelve = call(HttpMethod.POST, "/api/alarms/" + ID + "/shelve",
        "{\"by\":\"tanaka\",\"duration\":\"soon\"}", TOKEN);
    assertEquals(400, shelve.status());
    assertFalse(engine.alarm(ID).acked());
    assertFalse(channel.finish());
  }

  @Test
  void shelveBeyondTheMaximumIs400AndWithinItShelves() throws Exception {
    raise();
    assertEquals(400, call(HttpMethod.POST, "/api/alarms/" + ID + "/shelve",
        "{\"by\":\"tanaka\",\"duration\":\"9h\"}", TOKEN).status());
    Answer answer = call(HttpMethod.POST, "/api/alarms/" + ID + "/shelve",
        "{\"by\":\"tanaka\",\"duration\":\"30m\",\"comment\":\"burner service\"}", TOKEN);
    assertEquals(200, answer.status());
    assertEquals("SHELVED", answer.json().path("state").asText());
    Answer back = call(HttpMethod.POST, "/api/alarms/" + ID + "/unshelve", "", TOKEN);
    assertEquals("UNACKED", back.json().path("state").asText());
    assertFalse(channel.finish());
  }

  @Test
  void ackOfANormalAlarmIs409() throws Exception {
    Answer answer = call(HttpMethod.POST, "/api/alarms/" + ID + "/ack", "{\"by\":\"tanaka\"}",
        TOKEN);
    assertEquals(409, answer.status());
    assertFalse(channel.finish());
  }

  @Test
  void wrongMethodIs405WithAllow() throws Exception {
    assertEquals(405, call(HttpMethod.DELETE, "/api/alarms", "", TOKEN).status());
    assertFalse(channel.finish());
  }

  @Test
  void failingRouteIs500WithoutStackTrace() throws Exception {
    Answer answer = call(HttpMethod.GET, "/api/broken", "", null);
    assertEquals(500, answer.status());
    assertFalse(answer.json().toString().contains("secret internals"), answer.json()::toString);
    assertFalse(answer.json().toString().contains("at io.floorgate"), answer.json()::toString);
    assertFalse(channel.finish());
  }
}
