package io.floorgate.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.floorgate.alarm.AlarmEngine;
import io.floorgate.config.ApiConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/** The API server's limits against idle, slow and foreign clients, on real sockets. */
@Timeout(30)
class ApiLimitsTest {

  static final String TOKEN = "limits-token-0123456789abcdef";
  static final String ID = RouterHandlerTest.ID;
  static final Duration LONG = Duration.ofSeconds(30);

  AlarmEngine engine;
  ApiServer server;
  final List<RawClient> clients = new ArrayList<>();
  final ListAppender<ILoggingEvent> audit = new ListAppender<>();
  final Logger auditLogger = (Logger) LoggerFactory.getLogger(Audit.LOGGER);

  @BeforeEach
  void engine() throws Exception {
    engine = new AlarmEngine(RouterHandlerTest.kilnConfig(), Clock.systemUTC(), 100);
    engine.start();
    audit.start();
    auditLogger.addAppender(audit);
  }

  @AfterEach
  void stop() throws Exception {
    auditLogger.detachAppender(audit);
    for (RawClient c : clients) {
      c.close();
    }
    // The engine first: it must not hand alarms to the server's stopped event loop.
    engine.close();
    if (server != null) {
      server.close();
    }
  }

  void start(int maxConnections, Duration request, Duration idle, Duration ping) {
    Router router = new Router(TOKEN);
    router.getNow("/health/live", r -> ApiResponse.json(200, Map.of("status", "UP")));
    AlarmRoutes.register(router, engine);
    server = new ApiServer(new ApiConfig("127.0.0.1", 0, TOKEN, 1 << 20, maxConnections,
        request, idle, ping, List.of("https://scada.example.com")), router,
        AlarmFeed.of(engine));
    server.start();
  }

  RawClient connect() throws Exception {
    RawClient c = new RawClient(server.port());
    clients.add(c);
    return c;
  }

  static String get(String method, String path) {
    return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  }

  @Test
  void connectionOverTheCapIsAnswered503AndClosed() throws Exception {
    start(2, LONG, LONG, LONG);
    RawClient first = connect();
    RawClient second = connect();
    for (RawClient c : List.of(first, second)) {
      c.send(get("GET", "/health/live"));
      assertEquals(200, c.read().status());
    }
    RawClient third = connect();
    third.send(get("GET", "/health/live"));
    RawClient.Response refused = third.read();
    assertEquals(503, refused.status());
    assertEquals("5", refused.header("Retry-After"));
    assertTrue(refused.body().contains("at most 2 connections")
        && refused.body().contains("api.maxConnections"), refused.body());
    assertTrue(third.closedByServer());
    assertEquals(1, server.connectionsRefused());

    first.close();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      try (RawClient next = new RawClient(server.port())) {
        next.send(get("GET", "/health/live"));
        return next.read().status() == 200;
      }
    });
  }

  @Test
  void floodBeyondTwiceTheCapWaitsAndIsStillAnswered503() throws Exception {
    start(2, LONG, LONG, LONG);
    List<RawClient> flood = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      flood.add(connect());
    }
    // Accepting pauses with 4 open; each lingering refusal closes within a second, letting the
    // next waiting connection in, which is refused in turn: every one beyond the cap is answered.
    int refused = 0;
    for (RawClient c : flood.subList(2, 12)) {
      c.send(get("GET", "/health/live"));
      if (c.read().status() == 503) {
        refused++;
      }
    }
    assertEquals(10, refused);
    assertEquals(10, server.connectionsRefused());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      headers unfinished | GET /health/live HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n
      body unfinished    | POST /api/alarms/x/ack HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nContent-Length: 20\\r\\n\\r\\n{"by":
      handshake unfinished | GET /alarms/stream HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nUpgrade: websocket\\r\\n
      """)
  void requestNotWholeInTimeIsAnswered408(String what, String start) throws Exception {
    start(64, Duration.ofMillis(300), LONG, LONG);
    RawClient slow = connect();
    long started = System.nanoTime();
    slow.send(start.replace("\\r\\n", "\r\n"));
    RawClient.Response answer = slow.read();
    long tookMillis = (System.nanoTime() - started) / 1_000_000;
    assertEquals(408, answer.status());
    assertTrue(answer.body().contains("api.requestTimeout"), answer.body());
    assertTrue(tookMillis >= 250, "answered after " + tookMillis + " ms");
    assertTrue(slow.closedByServer());
  }

  @Test
  void requestRefusedAsTooLargeDoesNotTimeOutLater() throws Exception {
    start(64, Duration.ofMillis(200), LONG, LONG);
    RawClient c = connect();
    String body = "x".repeat(ApiInitializer.MAX_CONTENT + 1);
    c.send("POST /api/alarms/x/ack HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
        + body.length() + "\r\n\r\n" + body);
    assertEquals(413, c.read().status());
    // Twice the request timeout with nothing from the server: no late 408, no close.
    await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2))
        .until(() -> c.available() == 0);
    c.send(get("GET", "/health/live"));
    assertEquals(200, c.read().status());
  }

  @Test
  void idleKeepAliveConnectionIsClosed() throws Exception {
    start(64, LONG, Duration.ofMillis(300), LONG);
    RawClient idle = connect();
    idle.send(get("GET", "/health/live"));
    assertEquals(200, idle.read().status());
    long started = System.nanoTime();
    assertTrue(idle.closedByServer());
    assertTrue((System.nanoTime() - started) / 1_000_000 >= 250);
  }

  @Test
  void webSocketClientThatLeavesPingsUnansweredIsClosed() throws Exception {
    start(64, LONG, LONG, Duration.ofMillis(200));
    RawClient ws = connect();
    ws.upgrade(ApiInitializer.STREAM_PATH, "127.0.0.1", null);
    assertEquals(101, ws.read(true).status());
    assertEquals(RawClient.PING, nextControlFrame(ws).opcode());
    assertEquals(RawClient.CLOSE, nextControlFrame(ws).opcode());
    assertTrue(ws.closedByServer());
  }

  @Test
  void webSocketClientThatAnswersPingsStaysOpen() throws Exception {
    start(64, LONG, LONG, Duration.ofMillis(200));
    RawClient ws = connect();
    ws.upgrade(ApiInitializer.STREAM_PATH, "127.0.0.1", null);
    assertEquals(101, ws.read(true).status());
    for (int i = 0; i < 4; i++) {
      assertEquals(RawClient.PING, nextControlFrame(ws).opcode());
      ws.pong();
    }
  }

  /** The next frame that is not alarm data (the stream opens with a snapshot). */
  static RawClient.Frame nextControlFrame(RawClient ws) throws Exception {
    RawClient.Frame f = ws.frame();
    while (f.opcode() == RawClient.TEXT) {
      f = ws.frame();
    }
    return f;
  }

  @ParameterizedTest(name = "Origin {0} with Host {1}: {2}")
  @CsvSource(nullValues = "none", value = {
      "none, 127.0.0.1, 101",
      "http://127.0.0.1:PORT, 127.0.0.1:PORT, 101",
      "HTTPS://scada.example.com:443, 127.0.0.1:PORT, 101",
      "https://evil.example, 127.0.0.1:PORT, 403",
      "http://127.0.0.1:1, 127.0.0.1:PORT, 403",
      "null, 127.0.0.1:PORT, 403"})
  void webSocketHandshakeIsRefusedToForeignOrigins(String origin, String host, int status)
      throws Exception {
    start(64, LONG, LONG, LONG);
    String port = String.valueOf(server.port());
    RawClient ws = connect();
    ws.upgrade(ApiInitializer.STREAM_PATH, host.replace("PORT", port),
        origin == null ? null : origin.replace("PORT", port));
    RawClient.Response answer = ws.read(status == 101);
    assertEquals(status, answer.status());
    if (status == 403) {
      assertTrue(answer.body().contains("api.allowedOrigins"), answer.body());
      assertTrue(ws.closedByServer());
      assertTrue(auditLines().get(0).contains("refused 403"), auditLines().toString());
    }
  }

  @Test
  void headIsAnsweredOnGetRoutesWithHeadersOnly() throws Exception {
    start(64, LONG, LONG, LONG);
    RawClient c = connect();
    c.send(get("GET", "/api/alarms") + get("HEAD", "/api/alarms") + get("GET", "/health/live"));
    RawClient.Response full = c.read();
    RawClient.Response head = c.read(true);
    assertEquals(200, head.status());
    assertEquals(full.header("Content-Length"), head.header("Content-Length"));
    assertEquals(full.header("Content-Type"), head.header("Content-Type"));
    // Had HEAD sent a body, this would read it as a status line.
    assertEquals(200, c.read().status());
  }

  @Test
  void alarmCommandsAndRefusedTokensAreAudited() throws Exception {
    start(64, LONG, LONG, LONG);
    RawClient c = connect();
    c.send(post("/api/alarms/" + ID + "/shelve", TOKEN,
        "{\"by\": \"tanaka\\ninjected\", \"duration\": \"30m\"}"));
    int shelved = c.read().status();
    c.send(post("/api/alarms/" + ID + "/unshelve", TOKEN, ""));
    c.read();
    c.send(post("/api/alarms/" + ID + "/ack", "wrong-token-0123456789abcdef", "{\"by\": \"x\"}"));
    assertEquals(401, c.read().status());

    List<String> lines = auditLines();
    assertEquals(3, lines.size(), lines.toString());
    String local = "from 127.0.0.1:";
    assertTrue(lines.get(0).startsWith("HTTP shelve of alarm '" + ID + "' by 'tanaka\\u000ainjected' "
        + local) && lines.get(0).contains(": " + shelved + " "), lines.get(0));
    assertTrue(lines.get(1).startsWith("HTTP unshelve of alarm '" + ID + "' by 'operator' "
        + local), lines.get(1));
    assertTrue(lines.get(2).startsWith("HTTP POST '/api/alarms/" + ID + "/ack' " + local)
        && lines.get(2).endsWith("refused 401: wrong token"), lines.get(2));
    assertFalse(String.join("", lines).contains("\n"));
  }

  static String post(String path, String token, String body) {
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
        + "\r\nContent-Type: application/json\r\nContent-Length: "
        + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
  }

  List<String> auditLines() {
    return audit.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }
}
