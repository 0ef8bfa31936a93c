package io.floorgate;

import io.floorgate.config.ConnectionConfig;
import io.floorgate.config.GatewayConfig;
import io.floorgate.driver.Driver;
import io.floorgate.driver.opcua.OpcUaDriver;
import io.floorgate.mqtt.MqttPublisher;
import io.floorgate.mqtt.TagMeta;
import io.floorgate.normalize.Normalizer;
import io.floorgate.reading.Reading;
import io.floorgate.sparkplug.SparkplugNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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

  private final GatewayConfig config;
  private final MqttPublisher publisher;
  private final @Nullable SparkplugNode sparkplug;
  private final SamplePipeline pipeline;
  private final List<Driver> drivers = new ArrayList<>();
  /** For Sparkplug DCMD writes: connection name to its driver. */
  private final Map<String, Driver> driversByName = new ConcurrentHashMap<>();
  private boolean closed;

  private Floorgate(GatewayConfig config, Clock clock) {
    this.config = config;
    this.publisher = new MqttPublisher(config.mqtt(), config.namespace());
    this.sparkplug = config.sparkplug().enabled()
        ? new SparkplugNode(config, (connection, tag, value) -> {
          Driver driver = driversByName.get(connection);
          return driver != null ? driver.write(tag, value) : CompletableFuture.failedFuture(
              new IllegalStateException("no driver for connection '" + connection + "'"));
        })
        : null;
    SparkplugNode node = sparkplug;
    boolean uns = config.uns().enabled();
    this.pipeline = new SamplePipeline(SAMPLE_QUEUE_CAPACITY, new Normalizer(config, clock),
        (Reading reading) -> {
          if (uns) {
            publisher.offer(reading);
          }
          if (node != null) {
            node.offer(reading);
          }
        },
        (connection, state) -> {
          if (node != null) {
            node.linkChanged(connection, state);
          }
        });
  }

  /** Builds and starts a gateway. Never blocks on the network: PLCs and broker connect in the background. */
  public static Floorgate start(GatewayConfig config) {
    return start(config, Clock.systemUTC());
  }

  public static Floorgate start(GatewayConfig config, Clock clock) {
    Floorgate gateway = new Floorgate(config, clock);
    gateway.startParts();
    return gateway;
  }

  private void startParts() {
    if (config.uns().enabled()) {
      publisher.publishMeta(TagMeta.of(config));
      publisher.start();
    }
    if (sparkplug != null) {
      sparkplug.start();
    }
    pipeline.start();
    for (ConnectionConfig connection : config.connections()) {
      Driver driver = new OpcUaDriver(DriverSpecs.of(connection));
      drivers.add(driver);
      driversByName.put(connection.name(), driver);
      driver.start(pipeline);
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

  public MqttPublisher publisher() {
    return publisher;
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
    List<Driver> reversed = new ArrayList<>(drivers);
    Collections.reverse(reversed);
    for (Driver driver : reversed) {
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
    publisher.close();
    log.info("Floorgate stopped");
  }
}
