package io.floorgate;

import io.floorgate.buffer.DiskBuffer;
import io.floorgate.config.ConnectionConfig;
import io.floorgate.config.GatewayConfig;
import io.floorgate.driver.Driver;
import io.floorgate.driver.opcua.OpcUaDriver;
import io.floorgate.mqtt.MqttPublisher;
import io.floorgate.mqtt.TagMeta;
import io.floorgate.normalize.Normalizer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
  private final DiskBuffer buffer;
  private final MqttPublisher publisher;
  private final SamplePipeline pipeline;
  private final List<Driver> drivers = new ArrayList<>();
  private boolean closed;

  private Floorgate(GatewayConfig config, Clock clock) {
    this.config = config;
    this.buffer = DiskBuffer.open(config.buffer(), clock);
    try {
      this.publisher = new MqttPublisher(config.mqtt(), config.namespace(), buffer,
          config.buffer().replayRate());
    } catch (RuntimeException e) {
      buffer.close();
      throw e;
    }
    this.pipeline = new SamplePipeline(SAMPLE_QUEUE_CAPACITY, new Normalizer(config, clock),
        publisher::offer);
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
    publisher.publishMeta(TagMeta.of(config));
    publisher.start();
    pipeline.start();
    for (ConnectionConfig connection : config.connections()) {
      Driver driver = new OpcUaDriver(DriverSpecs.of(connection));
      drivers.add(driver);
      driver.start(pipeline);
    }
    log.info("Floorgate started: {} PLC connection(s), {} tags, publishing to {}",
        config.connections().size(), tagCount(), config.mqtt().url());
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

  /** The store-and-forward buffer between the publisher and the broker. */
  public DiskBuffer buffer() {
    return buffer;
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
    publisher.close();
    buffer.close();
    log.info("Floorgate stopped");
  }
}
