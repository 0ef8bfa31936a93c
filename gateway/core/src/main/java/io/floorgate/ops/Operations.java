package io.floorgate.ops;

import io.floorgate.api.ApiResponse;
import io.floorgate.api.ApiServer;
import io.floorgate.api.Router;
import io.floorgate.config.GatewayConfig;
import io.floorgate.driver.LinkState;
import io.floorgate.output.Health;
import io.floorgate.output.Output;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Metrics, health, the status page and its stream, for one running gateway. The composition root
 * creates it with the gateway's outputs and pipeline, adds its routes to the API's router and its
 * stream to the server, and tells it about connections a reload adds or removes.
 *
 * <p>Endpoints: {@code GET /metrics} (Prometheus text: the gateway's own meters, each output's,
 * the JVM's), {@code GET /health/live} (503 DOWN once a worker thread died, see
 * {@link WorkerWatch}), {@code GET /health/ready} (200 when every enabled output
 * is ready and at least one PLC connection is up, else 503; with per-output and per-connection
 * detail), {@code GET /} (the status page) and the WebSocket {@code /status/stream}.
 */
public final class Operations implements AutoCloseable {

  public static final String STREAM_PATH = "/status/stream";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final LinkBook links;
  private final LatestValues values;
  private final List<Output> outputs;
  private final PlcMeters plcMeters;
  private final StatusJson status;
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final Counter reloadsApplied;
  private final Counter reloadsRefused;
  private final Counter reloadErrors;
  private final WorkerWatch watch;
  private volatile HeapBudget heap;
  private volatile @Nullable ApiServer api;

  /**
   * @param config   the configuration at start (a reload reports connections it adds or removes)
   * @param links    where the drivers' link changes and samples are counted
   * @param values   every tag's latest reading
   * @param outputs  the enabled outputs; each binds its own meters here
   */
  public Operations(GatewayConfig config, LinkBook links, LatestValues values,
      PipelineCounts pipeline, List<Output> outputs) {
    this(config, links, values, pipeline, outputs, WorkerWatch.process());
  }

  /** @param watch says whether a worker thread died, for {@code /health/live} */
  Operations(GatewayConfig config, LinkBook links, LatestValues values,
      PipelineCounts pipeline, List<Output> outputs, WorkerWatch watch) {
    this.watch = watch;
    this.heap = HeapBudget.of(config);
    this.links = links;
    this.values = values;
    this.outputs = List.copyOf(outputs);
    config.connections().forEach(c -> links.register(c.name()));
    this.plcMeters = new PlcMeters(links);
    MeterRegistry r = registry;
    this.status = new StatusJson(links, values, this.outputs, pipeline, r,
        new StatusJson.Setup(config.buffer().maxBytes(), config.buffer().maxAge(),
            config.api() != null && config.api().token() != null));
    plcMeters.bindTo(r);
    this.outputs.forEach(o -> o.bindTo(r));
    new PipelineMeters(pipeline).bindTo(r);
    // Gauges hold their object weakly: the registry must keep this one alive itself.
    Gauge.builder("floorgate.api.websocket.clients", this::webSocketClients)
        .strongReference(true)
        .description("open WebSocket streams (alarm stream and status page)").register(r);
    FunctionCounter.builder("floorgate.api.connections.refused", this,
            Operations::connectionsRefused)
        .description("connections answered 503 because api.maxConnections were open")
        .register(r);
    BuildInfo build = BuildInfo.current();
    Gauge.builder("floorgate.build.info", () -> 1).strongReference(true)
        .tag("version", build.version()).tag("commit", build.commit())
        .description("1, with the running gateway's version and commit as tags").register(r);
    Gauge.builder("floorgate.heap.needed", () -> heap.bytes()).strongReference(true)
        .baseUnit("bytes")
        .description("the maximum heap the configuration needs (floorgate check prints it); a "
            + "JVM given less may run out of memory")
        .register(r);
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
        .description("configuration reloads, by result").register(r);
    this.reloadErrors = Counter.builder("floorgate.config.reload.errors")
        .description("errors found in refused configuration edits").register(r);
  }

  private double connectionsRefused() {
    ApiServer server = api;
    return server == null ? 0 : server.connectionsRefused();
  }

  private int webSocketClients() {
    ApiServer server = api;
    return server == null ? 0 : server.webSocketClients();
  }

  /** The registry, for tests and further binders. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Where drivers' link changes and samples are counted. */
  public LinkBook links() {
    return links;
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
    status.connectionRemoved(connection);
  }

  /** The file the configuration is read from, for the status page. */
  public void configFile(Path file) {
    status.configFile(file);
  }

  /** The heap a reloaded configuration needs, for {@code floorgate_heap_needed_bytes}. */
  public void heapNeeded(HeapBudget budget) {
    this.heap = budget;
  }

  public void reloadApplied() {
    reloadsApplied.increment();
    status.reloadApplied(Instant.now());
  }

  /** An edit was refused: counted, and its errors shown on the status page until the next. */
  public void reloadRefused(List<String> errors) {
    reloadsRefused.increment();
    reloadErrors.increment(errors.size());
    status.reloadRefused(new StatusJson.Refusal(Instant.now(), errors));
  }

  /** Adds the routes; GET only, so no token is needed. */
  public void register(Router router) {
    router.getNow("/metrics", request -> ApiResponse.text(200,
        "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
    router.getNow("/health/live", request -> live());
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

  /** UP while every worker thread runs; DOWN, naming the dead one, after one died. */
  private ApiResponse live() {
    String death = watch.death();
    return death == null ? ApiResponse.json(200, Map.of("status", "UP"))
        : ApiResponse.json(503, Map.of("status", "DOWN", "worker", death));
  }

  /** Every enabled output ready, and at least one PLC connection up. */
  private ApiResponse ready() {
    boolean ready = outputs.stream().map(Output::health).allMatch(Health::ready)
        && links.links().stream().anyMatch(l -> l.state() == LinkState.CONNECTED);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", ready ? "UP" : "DOWN");
    body.put("config", "loaded");
    body.putAll(status.summary());
    return ApiResponse.json(ready ? 200 : 503, body);
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
    gc.close();
    registry.close();
  }
}
