package io.floorgate.ops;

import io.floorgate.api.ApiResponse;
import io.floorgate.api.ApiServer;
import io.floorgate.api.Router;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Metrics, health, the status page and its stream, for one running gateway. The composition root
 * creates it, adds its routes to the API's router and its stream to the server, and tells it about
 * connections a reload adds or removes.
 *
 * <p>Endpoints: {@code GET /metrics} (Prometheus text), {@code GET /health/live},
 * {@code GET /health/ready} (503 until the broker is connected; per-connection detail),
 * {@code GET /} (the status page) and the WebSocket {@code /status/stream}.
 */
public final class Operations implements AutoCloseable {

  public static final String STREAM_PATH = "/status/stream";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final GatewaySource gateway;
  private final LinkBook links;
  private final LatestValues values = new LatestValues();
  private final PlcMeters plcMeters;
  private final StatusJson status;
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final Counter reloadsApplied;
  private final Counter reloadsRefused;
  private final Counter reloadErrors;
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "floorgate-ops");
    t.setDaemon(true);
    return t;
  });
  private @Nullable ApiServer api;

  public Operations(GatewaySource gateway, Clock clock) {
    this.gateway = gateway;
    this.links = new LinkBook(clock);
    gateway.config().connections().forEach(c -> links.register(c.name()));
    this.plcMeters = new PlcMeters(links);
    BufferMeters bufferMeters = new BufferMeters(gateway, clock);
    this.status = new StatusJson(gateway, links, values, bufferMeters);
    MeterRegistry r = registry;
    plcMeters.bindTo(r);
    new MqttMeters(gateway).bindTo(r);
    bufferMeters.bindTo(r);
    new AlarmMeters(gateway, () -> api == null ? 0 : api.webSocketClients()).bindTo(r);
    new PipelineMeters(gateway).bindTo(r);
    new JvmMemoryMetrics().bindTo(r);
    gc.bindTo(r);
    new JvmThreadMetrics().bindTo(r);
    new ClassLoaderMetrics().bindTo(r);
    new ProcessorMetrics().bindTo(r);
    new FileDescriptorMetrics().bindTo(r);
    new UptimeMetrics().bindTo(r);
    this.reloadsApplied = Counter.builder("floorgate.config.reloads").tag("result", "applied")
        .description("configuration reloads, by result").register(r);
    this.reloadsRefused = Counter.builder("floorgate.config.reloads").tag("result", "refused")
        .register(r);
    this.reloadErrors = Counter.builder("floorgate.config.reload.errors")
        .description("errors found in refused configuration edits").register(r);
    ticker.scheduleWithFixedDelay(() -> links.broker(gateway.publisher()::isConnected), 0, 500,
        TimeUnit.MILLISECONDS);
  }

  /** The registry, for tests and further binders. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Where drivers' link changes and samples are counted. */
  public LinkBook links() {
    return links;
  }

  /** Where every reading is remembered for the status page. */
  public LatestValues values() {
    return values;
  }

  /** A reload added a connection. */
  public void connectionAdded(String connection) {
    links.register(connection);
    plcMeters.add(connection);
  }

  /** A reload removed a connection. */
  public void connectionRemoved(String connection) {
    links.remove(connection);
    plcMeters.remove(connection);
  }

  public void reloadApplied() {
    reloadsApplied.increment();
  }

  public void reloadRefused(int errors) {
    reloadsRefused.increment();
    reloadErrors.increment(errors);
  }

  /** Adds the routes; GET only, so no token is needed. */
  public void register(Router router) {
    router.getNow("/metrics", request -> ApiResponse.text(200,
        "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
    router.getNow("/health/live", request -> ApiResponse.json(200, Map.of("status", "UP")));
    router.getNow("/health/ready", request -> ready());
    byte[] page = resource("status.html");
    router.getNow("/", request -> new ApiResponse(200, "text/html; charset=utf-8", page,
        Map.of("Cache-Control", "no-cache")));
  }

  /** Serves the status stream on the server; call before it starts. */
  public void attach(ApiServer server) {
    this.api = server;
    server.webSocket(STREAM_PATH, () -> new StatusStreamHandler(status));
  }

  private ApiResponse ready() {
    Map<String, Object> summary = status.summary();
    boolean broker = links.brokerConnected();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", broker ? "UP" : "DOWN");
    body.put("config", "loaded");
    body.putAll(summary);
    return ApiResponse.json(broker ? 200 : 503, body);
  }

  private static byte[] resource(String name) {
    try (InputStream in = Operations.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("status page " + name + " missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("status page " + name + " unreadable", e);
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    gc.close();
    registry.close();
  }
}
