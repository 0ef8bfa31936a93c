package io.floorgate;

import io.floorgate.alarm.AlarmEngine;
import io.floorgate.alarm.AlarmOutput;
import io.floorgate.api.AlarmFeed;
import io.floorgate.api.AlarmRoutes;
import io.floorgate.api.ApiServer;
import io.floorgate.api.MaintenanceRoutes;
import io.floorgate.api.Router;
import io.floorgate.config.ApiConfig;
import io.floorgate.config.ConnectionConfig;
import io.floorgate.config.GatewayConfig;
import io.floorgate.config.GroupConfig;
import io.floorgate.config.NotificationsConfig;
import io.floorgate.config.TagConfig;
import io.floorgate.driver.Sample;
import io.floorgate.mqtt.UnsOutput;
import io.floorgate.normalize.Normalizer;
import io.floorgate.notify.NotifyOutput;
import io.floorgate.ops.HeapBudget;
import io.floorgate.ops.LatestValues;
import io.floorgate.ops.LinkBook;
import io.floorgate.ops.Operations;
import io.floorgate.output.Output;
import io.floorgate.sparkplug.SparkplugOutput;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway: one instance per configuration, and the only place that wires features together.
 * It is made of
 * <ul>
 *   <li>the <b>outputs</b> the config enables ({@link Output}: alarms and their notifications,
 *       UNS JSON, Sparkplug B),
 *   <li>the <b>pipeline</b> that normalizes samples into readings and offers each to every
 *       output,
 *   <li>the <b>API</b> (alarm routes, metrics, health, status page) when configured,
 *   <li>the <b>drivers</b>, one per PLC connection.
 * </ul>
 * Started downstream-first (outputs, API, pipeline, then the drivers, so that nothing read is
 * lost for want of a consumer) and stopped in reverse. When a part fails to start, what was
 * started is closed again and the failure is thrown.
 */
public final class Floorgate implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Floorgate.class);

  private volatile GatewayConfig config;
  private final Clock clock;
  private final List<Output> outputs;
  /** Also one of the outputs: its engine serves the API and the PLCs' own alarms. */
  private final @Nullable AlarmOutput alarms;
  private final Drivers drivers;
  private final LinkBook links;
  private final LatestValues values = new LatestValues();
  private final SamplePipeline pipeline;
  private final Operations ops;
  private final @Nullable ApiServer api;
  private final List<AutoCloseable> started = new ArrayList<>();
  private boolean closed;

  /**
   * The maintenance counters' values go to the UNS as retained messages on its connection; with
   * the UNS disabled they are on the API and {@code /metrics} only.
   */
  private static void publishCounters(@Nullable AlarmOutput alarms, List<Output> outputs) {
    UnsOutput uns = outputs.stream().filter(UnsOutput.class::isInstance)
        .map(UnsOutput.class::cast).findFirst().orElse(null);
    if (alarms != null && uns != null) {
      alarms.engine().addCounterListener((path, counter) ->
          uns.publishRetained(path, counter.json()));
    }
  }

  private Floorgate(GatewayConfig config, Clock clock, List<Output> outputs,
      @Nullable AlarmOutput alarms, Drivers drivers) {
    this.config = config;
    this.clock = clock;
    this.outputs = List.copyOf(outputs);
    this.alarms = alarms;
    this.drivers = drivers;
    publishCounters(alarms, this.outputs);
    this.links = new LinkBook(clock);
    Fanout fanout = new Fanout(values, this.outputs);
    this.pipeline = new SamplePipeline(SamplePipeline.capacityFor(config.tagCount()),
        new Normalizer(config, clock),
        fanout, fanout::endOfBurst, alarmSamples(alarms, config), fanout::linkChanged);
    pipeline.links(links);
    this.ops = new Operations(config, links, values, pipeline, this.outputs);
    ApiConfig apiConfig = config.api();
    AlarmEngine engine = alarms == null ? null : alarms.engine();
    this.api = apiConfig == null ? null : new ApiServer(apiConfig, routes(apiConfig, engine, ops),
        engine == null ? AlarmFeed.none() : AlarmFeed.of(engine));
    if (api != null) {
      ops.attach(api);
    }
  }

  /**
   * The outputs the config enables, alarms first: the alarm engine's hand-off is a queue offer,
   * and alarm tags take the pipeline's priority lane, so alarms never wait behind telemetry.
   */
  private static List<Output> outputs(GatewayConfig config, Clock clock, Drivers drivers) {
    List<Output> built = new ArrayList<>();
    try {
      if (config.alarms() != null) {
        AlarmOutput alarms = AlarmOutput.of(config, clock);
        built.add(alarms);
        NotificationsConfig notify = config.notifications();
        if (notify != null && notify.enabled()) {
          built.add(NotifyOutput.of(notify, alarms.engine(), clock));
        }
      }
      if (config.uns().enabled()) {
        built.add(UnsOutput.open(config, clock));
      }
      if (config.sparkplug().enabled()) {
        built.add(SparkplugOutput.open(config, drivers, clock));
      }
      return built;
    } catch (Exception e) {
      // Also what Netty or Milo throw undeclared; the precise rethrow keeps the signature.
      closeAll(built);
      throw e;
    }
  }

  /** Every HTTP endpoint of the gateway: add a route here for a new one. */
  private static Router routes(ApiConfig api, @Nullable AlarmEngine engine, Operations ops) {
    Router router = new Router(api.token());
    ops.register(router);
    if (engine != null) {
      AlarmRoutes.register(router, engine);
      MaintenanceRoutes.register(router, engine);
    }
    return router;
  }

  /** The samples (connection, tag key) that some alarm reads: they take the priority lane. */
  private static Predicate<Sample> alarmSamples(@Nullable AlarmOutput alarms,
      GatewayConfig config) {
    if (alarms == null) {
      return sample -> false;
    }
    AlarmEngine engine = alarms.engine();
    Map<String, Set<String>> watched = new HashMap<>();
    for (ConnectionConfig c : config.connections()) {
      for (GroupConfig g : c.groups()) {
        for (TagConfig t : g.tags()) {
          if (engine.watches(config.namespace().root() + "/" + c.area() + "/" + t.path())) {
            watched.computeIfAbsent(c.name(), k -> new HashSet<>()).add(t.path());
          }
        }
      }
    }
    return sample -> {
      Set<String> tags = watched.get(sample.connection());
      return tags != null && tags.contains(sample.tag());
    };
  }

  /**
   * Builds and starts a gateway. Never blocks on the network: PLCs and brokers connect in the
   * background.
   *
   * @throws RuntimeException when a part cannot start (a buffer that cannot be opened, unusable
   *     TLS files, a taken API port); everything started before it is closed again
   */
  public static Floorgate start(GatewayConfig config) {
    return start(config, Clock.systemUTC());
  }

  public static Floorgate start(GatewayConfig config, Clock clock) {
    warnIfShort(HeapBudget.of(config));
    Drivers drivers = new Drivers();
    List<Output> outputs = outputs(config, clock, drivers);
    AlarmOutput alarms = outputs.stream().filter(AlarmOutput.class::isInstance)
        .map(AlarmOutput.class::cast).findFirst().orElse(null);
    Floorgate gateway;
    try {
      gateway = new Floorgate(config, clock, outputs, alarms, drivers);
    } catch (Exception e) {
      closeAll(outputs);
      throw e;
    }
    try {
      gateway.startParts();
    } catch (Exception e) {
      // Netty and Milo may rethrow checked exceptions unchecked-ly: close on any.
      gateway.close();
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e.toString(), e);
    }
    return gateway;
  }

  private void startParts() {
    for (Output output : outputs) {
      started.add(output);
      output.start();
    }
    if (api != null) {
      started.add(api);
      api.start();
    }
    started.add(pipeline);
    pipeline.start();
    started.add(drivers);
    if (alarms != null) {
      alarms.engine().plcAcknowledger(drivers);
    }
    for (ConnectionConfig connection : config.connections()) {
      startDriver(connection);
    }
    log.info("Floorgate started: {} PLC connection(s), {} tags; outputs: {}",
        config.connections().size(), config.tagCount(),
        String.join(", ", outputs.stream().map(Output::name).toList()));
  }

  private void startDriver(ConnectionConfig connection) {
    boolean conditions = alarms != null && config.alarms() != null
        && config.alarms().conditions().contains(connection.name());
    drivers.start(connection, pipeline, conditions ? alarms.engine()::offerCondition : null);
  }

  /**
   * Applies a new, validated configuration while running: tags, alarm rules and connections.
   * Only the drivers of connections whose configuration changed are restarted; the others keep
   * their sessions, and the outputs keep their buffers and broker connections.
   *
   * @return what was done, one line per change, for the log
   * @throws IllegalStateException when the change needs a restart (the message says what); the
   *     gateway then keeps running on the old configuration
   */
  public synchronized List<String> reload(GatewayConfig next) {
    if (closed) {
      throw new IllegalStateException("the gateway is stopping");
    }
    ConfigDiff diff = ConfigDiff.of(config, next);
    if (!diff.needsRestart().isEmpty()) {
      throw new IllegalStateException("changed " + String.join(", ", diff.needsRestart())
          + ": restart the gateway to apply (systemctl restart floorgate); nothing applied");
    }
    Normalizer normalizer;
    try {
      normalizer = new Normalizer(next, clock);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(e.getMessage() + "; nothing applied", e);
    }
    List<String> done = new ArrayList<>();
    done.add(next.tagCount() + " tags");
    boolean connectionsChanged = !diff.added().isEmpty() || !diff.changed().isEmpty();
    for (Output output : outputs) {
      for (String line : output.reload(next)) {
        // Sparkplug's note on its births matters only when connections came or changed.
        if (connectionsChanged || !(output instanceof SparkplugOutput)) {
          done.add(line);
        }
      }
    }
    pipeline.reconfigure(normalizer, alarmSamples(alarms, next));
    diff.removed().forEach(name -> {
      drivers.stop(name);
      ops.connectionRemoved(name);
    });
    diff.changed().forEach(drivers::stop);
    this.config = next;
    Set<String> paths = new HashSet<>();
    next.connections().forEach(c -> c.groups().forEach(g -> g.tags().forEach(t ->
        paths.add(next.namespace().root() + "/" + c.area() + "/" + t.path()))));
    values.retain(paths);
    for (ConnectionConfig c : next.connections()) {
      if (diff.added().contains(c.name()) || diff.changed().contains(c.name())) {
        ops.connectionAdded(c.name());
        startDriver(c);
      }
    }
    diff.added().forEach(n -> done.add("connection " + n + " added"));
    diff.removed().forEach(n -> done.add("connection " + n + " removed"));
    diff.changed().forEach(n -> done.add("connection " + n + " changed: reconnected"));
    HeapBudget heap = HeapBudget.of(next);
    ops.heapNeeded(heap);
    warnIfShort(heap);
    return done;
  }

  /** One line, with the figure to set, when this JVM's heap is clearly smaller than {@code heap}. */
  private static void warnIfShort(HeapBudget heap) {
    heap.shortfall(Runtime.getRuntime().maxMemory()).ifPresent(log::warn);
  }

  /** Metrics, health and the status page's state. */
  public Operations operations() {
    return ops;
  }

  public GatewayConfig config() {
    return config;
  }

  /** The enabled outputs, in the order they were started. */
  public List<Output> outputs() {
    return outputs;
  }

  /**
   * The enabled output of this type.
   *
   * @throws IllegalStateException when the config does not enable it
   */
  public <T extends Output> T output(Class<T> type) {
    return outputs.stream().filter(type::isInstance).map(type::cast).findFirst()
        .orElseThrow(() -> new IllegalStateException(type.getSimpleName() + " is not enabled"));
  }

  /** The alarm engine; null when the config has no {@code alarms:}. */
  public @Nullable AlarmEngine alarms() {
    return alarms == null ? null : alarms.engine();
  }

  /** The HTTP/WebSocket server; null when the config has no {@code api:}. */
  public @Nullable ApiServer api() {
    return api;
  }

  /** Samples dropped because normalization could not keep up. */
  public long droppedSamples() {
    return pipeline.dropped();
  }

  /** Samples normalized so far. */
  public long processedSamples() {
    return pipeline.processed();
  }

  /**
   * Stops the drivers, drains the pipeline, closes the API, then the outputs (each delivering
   * what it can within a bounded time), in the reverse order of their start.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<AutoCloseable> parts = new ArrayList<>(started);
    // Outputs built but never started are closed too: their buffers are open.
    outputs.stream().filter(o -> !started.contains(o)).forEach(parts::add);
    for (int i = parts.size() - 1; i >= 0; i--) {
      closeQuietly(parts.get(i));
    }
    ops.close();
    log.info("Floorgate stopped");
  }

  private static void closeAll(List<? extends AutoCloseable> parts) {
    for (int i = parts.size() - 1; i >= 0; i--) {
      closeQuietly(parts.get(i));
    }
  }

  private static void closeQuietly(AutoCloseable part) {
    try {
      part.close();
    } catch (Exception e) {
      log.warn("{} did not close cleanly: {}", part.getClass().getSimpleName(), e.toString());
    }
  }
}
