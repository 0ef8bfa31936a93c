package io.floorgate.ops;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.api.AlarmFeed;
import io.floorgate.api.ApiServer;
import io.floorgate.api.Router;
import io.floorgate.config.ConfigLoader;
import io.floorgate.config.GatewayConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code /metrics} as Prometheus scrapes it, from operations served by a real API server on a
 * free port, with java.net.http as scraper and WebSocket client.
 */
@Timeout(60)
class MetricsEndpointTest {

  static final PipelineCounts IDLE = new PipelineCounts() {
    @Override
    public long processed() {
      return 0;
    }

    @Override
    public long dropped() {
      return 0;
    }

    @Override
    public long failed() {
      return 0;
    }

    @Override
    public long unknown() {
      return 0;
    }
  };

  final HttpClient http = HttpClient.newHttpClient();
  Operations ops;
  ApiServer api;

  @BeforeEach
  void start() throws Exception {
    GatewayConfig config = config();
    ops = new Operations(config, new LinkBook(Clock.systemUTC()), new LatestValues(), IDLE,
        List.of());
    api = serve(ops, config);
  }

  /** One PLC connection and the API on a free port. */
  static GatewayConfig config() throws Exception {
    return ConfigLoader.parse("""
        namespace: { enterprise: jxnmm, site: isohara }
        mqtt: { url: tcp://127.0.0.1:1883 }
        connections:
          - name: kiln
            endpoint: opc.tcp://127.0.0.1:4841/kiln
            area: calcination
            groups: [ { name: all, tags: [ { path: k/temp, node: ns=2;s=T, unit: °C } ] } ]
        api: { port: 0 }
        """, "metrics-test.yaml", Map.of());
  }

  /** The operations' routes and stream on a started API server. */
  static ApiServer serve(Operations ops, GatewayConfig config) {
    Router router = new Router(null);
    ops.register(router);
    ApiServer api = new ApiServer(config.api(), router, AlarmFeed.none());
    ops.attach(api);
    api.start();
    return api;
  }

  @AfterEach
  void stop() {
    api.close();
    ops.close();
  }

  String scrape() throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + api.port() + "/metrics"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    return response.body();
  }

  static double metric(String text, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  WebSocket connect(String path) throws Exception {
    return http.newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + api.port() + path), new WebSocket.Listener() {})
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void webSocketClientsGaugeCountsConnectedStreams() throws Exception {
    assertEquals(0.0, metric(scrape(), "floorgate_api_websocket_clients"));
    assertEquals(0.0, metric(scrape(), "floorgate_api_connections_refused_total"));
    WebSocket status = connect(Operations.STREAM_PATH);
    WebSocket alarms = connect("/alarms/stream");
    // Whatever only the gauge held is collectable now; the gauge must still read the server.
    System.gc();
    await().atMost(Duration.ofSeconds(10)).until(
        () -> metric(scrape(), "floorgate_api_websocket_clients") == 2.0);
    status.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(10)).until(
        () -> metric(scrape(), "floorgate_api_websocket_clients") == 1.0);
    alarms.abort();
  }

  @Test
  void everyMetricHasHelpText() throws Exception {
    List<String> empty = new ArrayList<>();
    Matcher help = Pattern.compile("(?m)^# HELP (\\S+)(.*)$").matcher(scrape());
    int seen = 0;
    while (help.find()) {
      seen++;
      if (help.group(2).isBlank()) {
        empty.add(help.group(1));
      }
    }
    assertTrue(seen > 20, "only " + seen + " HELP lines");
    assertEquals(List.of(), empty, "metrics whose HELP line has no text");
  }

  @Test
  void buildInfoCarriesTheVersionAndCommit() throws Exception {
    BuildInfo build = BuildInfo.current();
    assertEquals(1.0, metric(scrape(), "floorgate_build_info{commit=\"" + build.commit()
        + "\",version=\"" + build.version() + "\"}"));
  }

  @Test
  void theHeapTheConfigurationNeedsIsScrapedAndFollowsAReload() throws Exception {
    assertEquals(80.0 * 1024 * 1024, metric(scrape(), "floorgate_heap_needed_bytes"),
        "one tag: the launcher's 80m");

    ops.heapNeeded(HeapBudget.of(100_000, true));

    assertEquals((double) HeapBudget.of(100_000, true).bytes(),
        metric(scrape(), "floorgate_heap_needed_bytes"));
  }
}
