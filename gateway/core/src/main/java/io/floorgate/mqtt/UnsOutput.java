package io.floorgate.mqtt;

import io.floorgate.buffer.BufferMeters;
import io.floorgate.buffer.DiskBuffer;
import io.floorgate.config.GatewayConfig;
import io.floorgate.output.BufferState;
import io.floorgate.output.Health;
import io.floorgate.output.Output;
import io.floorgate.reading.Reading;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.List;

/**
 * The Unified Namespace output: readings queued in the store-and-forward buffer and published as
 * UNS JSON by {@link MqttPublisher}, with each tag's metadata retained. Ready while its broker
 * connection is up.
 */
public final class UnsOutput implements Output {

  public static final String NAME = "uns";

  private final DiskBuffer buffer;
  private final MqttPublisher publisher;
  private final BufferMeters bufferMeters;
  private volatile GatewayConfig config;

  private UnsOutput(GatewayConfig config, DiskBuffer buffer, MqttPublisher publisher,
      Clock clock) {
    this.config = config;
    this.buffer = buffer;
    this.publisher = publisher;
    this.bufferMeters = new BufferMeters(buffer, NAME, clock);
  }

  /**
   * Opens the buffer and prepares the publisher; nothing connects before {@link #start()}.
   *
   * @throws io.floorgate.buffer.BufferException when the buffer cannot be used
   * @throws IllegalArgumentException when the broker settings cannot be used (TLS files)
   */
  public static UnsOutput open(GatewayConfig config, Clock clock) {
    DiskBuffer buffer = DiskBuffer.open(config.buffer(), clock);
    try {
      return new UnsOutput(config, buffer, new MqttPublisher(config.mqtt(), config.namespace(),
          buffer, config.buffer().replayRate(), config.uns()), clock);
    } catch (RuntimeException e) {
      buffer.close();
      throw e;
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void start() {
    publisher.publishMeta(TagMeta.of(config));
    publisher.start();
  }

  @Override
  public void accept(Reading reading) {
    publisher.stage(reading);
  }

  /** Readings staged during a burst are queued on disk together, at the burst's end. */
  @Override
  public void endOfBurst() {
    publisher.commitStaged();
  }

  @Override
  public Health health() {
    String brokers = String.join(", ", config.mqtt().urls());
    int n = publisher.connections();
    if (publisher.isConnected()) {
      return Health.ready("connected to " + brokers + (n > 1 ? " (" + n + " connections)" : "")
          + "; " + buffer.size() + " readings queued");
    }
    return Health.notReady("broker " + brokers + " not connected"
        + (n > 1 ? " (" + publisher.connectedCount() + " of " + n + " connections up)" : "")
        + "; " + buffer.size() + " readings wait in the buffer");
  }

  @Override
  public BufferState buffer() {
    return bufferMeters.state();
  }

  @Override
  public List<String> reload(GatewayConfig next) {
    config = next;
    publisher.publishMeta(TagMeta.of(next));
    return List.of();
  }

  @Override
  public void bindTo(MeterRegistry r) {
    MqttPublisher p = publisher;
    Gauge.builder("floorgate.mqtt.connected", p, s -> s.isConnected() ? 1 : 0)
        .tag("client", "telemetry").description("1 while the lane's broker connection is up")
        .register(r);
    FunctionCounter.builder("floorgate.mqtt.publishes", p, MqttPublisher::published)
        .tag("client", "telemetry").tag("result", "acked").register(r);
    FunctionCounter.builder("floorgate.mqtt.publishes", p, MqttPublisher::failed)
        .tag("client", "telemetry").tag("result", "refused").register(r);
    FunctionCounter.builder("floorgate.mqtt.publishes", p, MqttPublisher::dropped)
        .tag("client", "telemetry").tag("result", "dropped").register(r);
    Gauge.builder("floorgate.mqtt.inflight.window", p, MqttPublisher::inFlightWindow)
        .tag("client", "telemetry")
        .description("publishes allowed in flight (the broker's Receive Maximum)").register(r);
    Gauge.builder("floorgate.mqtt.queued", p, MqttPublisher::queued)
        .tag("client", "telemetry").description("readings waiting to be published").register(r);
    p.recordLatency(Timer.builder("floorgate.mqtt.publish.latency")
        .tag("client", "telemetry")
        .description("from the gateway's receipt of a reading to the broker's acknowledgement")
        .publishPercentiles(0.5, 0.99)
        .register(r));
    bufferMeters.bindTo(r);
  }

  /**
   * Publishes a retained message beside the readings (a maintenance counter's value), QoS 1, on
   * the telemetry connection; again after every connect. Never blocks.
   *
   * @param path {@code enterprise/site/area/…}; the topic prefix is added
   */
  public void publishRetained(String path, byte[] payload) {
    publisher.retain(path, payload);
  }

  /** The publisher, for tests and the bench. */
  public MqttPublisher publisher() {
    return publisher;
  }

  /** The store-and-forward buffer between the pipeline and the broker. */
  public DiskBuffer diskBuffer() {
    return buffer;
  }

  @Override
  public void close() {
    try {
      publisher.close();
    } finally {
      buffer.close();
    }
  }
}
