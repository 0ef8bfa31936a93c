package io.floorgate;

import io.floorgate.alarm.AlarmEngine;
import io.floorgate.alarm.AlarmMqtt;
import io.floorgate.alarm.AlarmTopics;
import io.floorgate.api.AlarmFeed;
import io.floorgate.api.AlarmRoutes;
import io.floorgate.api.ApiServer;
import io.floorgate.api.Router;
import io.floorgate.buffer.DiskBuffer;
import io.floorgate.config.ApiConfig;
import io.floorgate.config.BufferConfig;
import io.floorgate.config.ConnectionConfig;
import io.floorgate.config.GatewayConfig;
import io.floorgate.config.GroupConfig;
import io.floorgate.config.TagConfig;
import io.floorgate.driver.Driver;
import io.floorgate.driver.Sample;
import io.floorgate.driver.opcua.OpcUaDriver;
import io.floorgate.mqtt.MqttPublisher;
import io.floorgate.mqtt.TagMeta;
import io.floorgate.normalize.Normalizer;
import io.floorgate.ops.Operations;
import io.floorgate.reading.Reading;
import io.floorgate.sparkplug.SparkplugNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway: one instance per configuration. Builds every part from the validated config,
 * starts them downstream-first (publisher, pipeline, then the PLC drivers, so that nothing read is
 * lost for want of a consumer) and stops them in reverse.
 *
 * <p>This is the only place that wires features together; they do not know each other.
 */
public final class Floorgate implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Floorgate.class);
  /** Samples waiting for normalization; ~10 s of a 10k values/s plant. */
  private static final int SAMPLE_QUEUE_CAPACITY = 100_000;
  /** Readings of alarm tags and operator commands waiting for the alarm engine. */
  private static final int ALARM_QUEUE_CAPACITY = 10_000;

  private volatile GatewayConfig config;
  private final Clock clock;
  private final Operations ops;
  private final DiskBuffer buffer;
  private final MqttPublisher publisher;
  private final SamplePipeline pipeline;
  private final @Nullable AlarmEngine alarms;
  private final @Nullable SparkplugNode sparkplug;
  private final @Nullable BufferedBacklog sparkplugBacklog;
  private final @Nullable AlarmMqtt alarmMqtt;
  private final @Nullable ApiServer api;
  private final Map<String, Driver> drivers = new java.util.concurrent.ConcurrentHashMap<>();
  private boolean closed;

  private Floorgate(GatewayConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.buffer = DiskBuffer.open(config.buffer(), clock);
    try {
      this.publisher = new MqttPublisher(config.mqtt(), config.namespace(), buffer,
          config.buffer().replayRate(), config.uns());
    } catch (RuntimeException e) {
      buffer.close();
      throw e;
    }
    this.sparkplugBacklog = config.sparkplug().enabled()
        ? new BufferedBacklog(DiskBuffer.open(sparkplugBuffer(config.buffer()), clock)) : null;
    this.sparkplug = sparkplugBacklog == null ? null
        : new SparkplugNode(config, (connection, tag, value) -> {
          Driver driver = drivers.get(connection);
          return driver != null ? driver.write(tag, value) : CompletableFuture.failedFuture(
              new IllegalStateException("no driver for connection '" + connection + "'"));
        }, sparkplugBacklog);
    SparkplugNode node = sparkplug;
    boolean uns = config.uns().enabled();
    AlarmEngine engine = config.alarms() == null ? null
        : new AlarmEngine(config, clock, ALARM_QUEUE_CAPACITY);
    this.alarms = engine;
    // The alarm engine is offered each reading first: its hand-off is a queue offer, and alarm
    // tags take the pipeline's priority lane, so alarms never wait behind telemetry.
    this.ops = new Operations(new FloorgateSource(this), clock);
    this.pipeline = new SamplePipeline(SAMPLE_QUEUE_CAPACITY, new Normalizer(config, clock),
        (Reading reading) -> {
          if (engine != null) {
            engine.offer(reading);
          }
          ops.values().accept(reading);
          if (uns) {
            publisher.stage(reading);
          }
          if (node != null) {
            node.offer(reading);
          }
        },
        // Readings staged during a burst are queued on disk together, at the burst's end.
        uns ? publisher::commitStaged : () -> {},
        engine == null ? sample -> false : alarmSamples(config, engine),
        (connection, state) -> {
          if (node != null) {
            node.linkChanged(connection, state);
          }
        });
    pipeline.links(ops.links());
    if (engine != null && config.alarms() != null) {
      this.alarmMqtt = new AlarmMqtt(config.mqtt(), config.alarms().clientId(),
          new AlarmTopics(config.namespace()), engine::alarms);
      engine.addListener(alarmMqtt);
    } else {
      this.alarmMqtt = null;
    }
    ApiConfig apiConfig = config.api();
    this.api = apiConfig == null ? null : new ApiServer(apiConfig, routes(apiConfig, engine, ops),
        engine == null ? AlarmFeed.none() : AlarmFeed.of(engine));
    if (api != null) {
      ops.attach(api);
    }
  }

  /**
   * The Sparkplug node's own buffer: beside the UNS one ({@code <directory>-sparkplug}), with the
   * same limits, since each buffer has one reader.
   */
  private static BufferConfig sparkplugBuffer(BufferConfig uns) {
    Path dir = uns.directory().toAbsolutePath().normalize();
    return new BufferConfig(dir.resolveSibling(dir.getFileName() + "-sparkplug"), uns.maxBytes(),
        uns.maxAge(), uns.whenFull(), uns.replayRate(), uns.enabled());
  }

  /** Every HTTP endpoint of the gateway: add a route here for a new one. */
  private static Router routes(ApiConfig api, @Nullable AlarmEngine engine, Operations ops) {
    Router router = new Router(api.token());
    ops.register(router);
    if (engine != null) {
      AlarmRoutes.register(router, engine);
    }
    return router;
  }

  /** The samples (connection, tag key) that some alarm reads. */
  private static Predicate<Sample> alarmSamples(GatewayConfig config, AlarmEngine engine) {
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
   * Builds and starts a gateway. Never blocks on the network: PLCs and broker connect in the
   * background.
   *
   * @throws io.floorgate.buffer.BufferException when the store-and-forward buffer cannot be used
   */
  public static Floorgate start(GatewayConfig config) {
    return start(config, Clock.systemUTC());
  }

  public static Floorgate start(GatewayConfig config, Clock clock) {
    Floorgate gateway = new Floorgate(config, clock);
    gateway.startParts();
    return gateway;
  }

  private void startParts() {
    if (alarmMqtt != null) {
      alarmMqtt.start();
    }
    if (alarms != null) {
      alarms.start();
    }
    if (api != null) {
      try {
        api.start();
      } catch (RuntimeException e) {
        close();
        throw e;
      }
    }
    if (config.uns().enabled()) {
      publisher.publishMeta(TagMeta.of(config));
      publisher.start();
    }
    if (sparkplug != null) {
      sparkplug.start();
    }
    pipeline.start();
    for (ConnectionConfig connection : config.connections()) {
      startDriver(connection);
    }
    if (alarms != null) {
      alarms.plcAcknowledger((connection, conditionId, eventId, comment) ->
          drivers.get(connection).acknowledge(conditionId, eventId, comment));
    }
    log.info("Floorgate started: {} PLC connection(s), {} tags, publishing {}",
        config.connections().size(), tagCount(), String.join(" and ", outputs()));
  }

  private List<String> outputs() {
    List<String> outputs = new ArrayList<>();
    if (config.uns().enabled()) {
      outputs.add("UNS JSON to " + config.mqtt().url());
    }
    if (sparkplug != null) {
      outputs.add("Sparkplug B as " + config.sparkplug().groupId() + "/"
          + config.sparkplug().edgeNodeId() + " to " + config.sparkplug().brokers());
    }
    return outputs;
  }

  private void startDriver(ConnectionConfig connection) {
    Driver driver = new OpcUaDriver(DriverSpecs.of(connection));
    drivers.put(connection.name(), driver);
    if (alarms != null && config.alarms() != null
        && config.alarms().conditions().contains(connection.name())) {
      driver.subscribeConditions(alarms::offerCondition);
    }
    driver.start(pipeline);
  }

  private void stopDriver(String name) {
    Driver driver = drivers.remove(name);
    if (driver != null) {
      try {
        driver.close();
      } catch (RuntimeException e) {
        log.warn("PLC connection {} did not close cleanly: {}", name, e.toString());
      }
    }
  }

  /**
   * Applies a new, validated configuration while running: tags, alarm rules and connections.
   * Only the drivers of connections whose configuration changed are restarted; the others keep
   * their sessions, and the buffer and broker connection are untouched.
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
    if (alarms != null) {
      alarms.reload(next).join();
    }
    pipeline.reconfigure(normalizer,
        alarms == null ? sample -> false : alarmSamples(next, alarms));
    diff.removed().forEach(name -> {
      stopDriver(name);
      ops.connectionRemoved(name);
    });
    diff.changed().forEach(this::stopDriver);
    this.config = next;
    publisher.publishMeta(TagMeta.of(next));
    Set<String> paths = new HashSet<>();
    next.connections().forEach(c -> c.groups().forEach(g -> g.tags().forEach(t ->
        paths.add(next.namespace().root() + "/" + c.area() + "/" + t.path()))));
    ops.values().retain(paths);
    for (ConnectionConfig c : next.connections()) {
      if (diff.added().contains(c.name()) || diff.changed().contains(c.name())) {
        ops.connectionAdded(c.name());
        startDriver(c);
      }
    }
    List<String> done = new ArrayList<>();
    done.add(tagCount() + " tags" + (alarms == null ? "" : ", " + alarms.alarms().size()
        + " alarms"));
    diff.added().forEach(n -> done.add("connection " + n + " added"));
    diff.removed().forEach(n -> done.add("connection " + n + " removed"));
    diff.changed().forEach(n -> done.add("connection " + n + " changed: reconnected"));
    if (sparkplug != null && (!diff.added().isEmpty() || !diff.changed().isEmpty())) {
      // The edge node's births list every metric, fixed when it starts: it skips (and counts)
      // readings of tags it was not born with until the next restart.
      done.add("Sparkplug keeps the metrics it was born with until the gateway restarts");
    }
    return done;
  }

  /** Metrics, health and the status page's state. */
  public Operations operations() {
    return ops;
  }

  /** The normalization pipeline, for {@link FloorgateSource}. */
  SamplePipeline pipeline() {
    return pipeline;
  }

  private long tagCount() {
    return config.connections().stream()
        .flatMap(c -> c.groups().stream())
        .mapToLong(g -> g.tags().size())
        .sum();
  }

  public GatewayConfig config() {
    return config;
  }

  /** Samples dropped because normalization could not keep up. */
  public long droppedSamples() {
    return pipeline.dropped();
  }

  /** Samples normalized so far. */
  public long processedSamples() {
    return pipeline.processed();
  }

  public MqttPublisher publisher() {
    return publisher;
  }

  /** The store-and-forward buffer between the publisher and the broker. */
  public DiskBuffer buffer() {
    return buffer;
  }

  /** The alarm engine; null when the config has no {@code alarms:}. */
  public @Nullable AlarmEngine alarms() {
    return alarms;
  }

  /** The dedicated alarm MQTT connection; null without alarms. */
  public @Nullable AlarmMqtt alarmMqtt() {
    return alarmMqtt;
  }

  /** The HTTP/WebSocket server; null when the config has no {@code api:}. */
  public @Nullable ApiServer api() {
    return api;
  }

  /** The Sparkplug edge node, or null when the config does not enable it. */
  public @Nullable SparkplugNode sparkplug() {
    return sparkplug;
  }

  /** Stops drivers, then drains the pipeline and the publisher, each within a bounded time. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Driver driver : List.copyOf(drivers.values())) {
      try {
        driver.close();
      } catch (RuntimeException e) {
        log.warn("PLC connection {} did not close cleanly: {}", driver.spec().name(), e.toString());
      }
    }
    pipeline.close();
    if (sparkplug != null) {
      sparkplug.close();
    }
    if (sparkplugBacklog != null) {
      sparkplugBacklog.close();
    }
    if (api != null) {
      api.close();
    }
    if (alarms != null) {
      alarms.close();
    }
    if (alarmMqtt != null) {
      alarmMqtt.close();
    }
    publisher.close();
    buffer.close();
    ops.close();
    log.info("Floorgate stopped");
  }
}
