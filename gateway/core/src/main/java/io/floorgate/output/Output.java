package io.floorgate.output;

import io.floorgate.config.GatewayConfig;
import io.floorgate.driver.LinkState;
import io.floorgate.reading.Reading;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where normalized readings go: the UNS JSON publisher, the Sparkplug edge node, the alarm lane.
 * The gateway builds the enabled outputs from the config, starts them before the PLC drivers (so
 * nothing read is lost for want of a consumer), offers each one every reading, and closes them in
 * reverse order.
 *
 * <p>Readings and link changes arrive on the pipeline's one thread; an output hands them over to
 * a queue or buffer of its own and never blocks there. Its meters are its own ({@link #bindTo}):
 * the gateway binds each output once, to the registry behind {@code /metrics}.
 */
public interface Output extends MeterBinder, AutoCloseable {

  /** The output's short name in health, metrics and logs: {@code uns}, {@code sparkplug}, …. */
  String name();

  /**
   * Starts the output's threads and connections; returns without waiting for the network.
   *
   * @throws RuntimeException when the output cannot run (the gateway then stops what it started)
   */
  void start();

  /** A new reading; never blocks. On the pipeline's thread. */
  void accept(Reading reading);

  /** The pipeline ran dry: what {@link #accept} collected may be committed together. */
  default void endOfBurst() {}

  /**
   * A PLC connection went up or down. On the driver's thread (each connection has its own):
   * hand over, never block, and expect calls for different connections at once.
   */
  default void linkChanged(String connection, LinkState state) {}

  /** Whether the output does its job right now, and why not. Cheap: read on every probe. */
  Health health();

  /** The output's store-and-forward queue, for the status page; null when it has none. */
  default @Nullable BufferState buffer() {
    return null;
  }

  /**
   * Tables of this output's own state for the status page, drawn in order below the built-in
   * sections. Any thread; cheap (called once a second while a page is open).
   */
  default List<StatusSection> statusSections() {
    return List.of();
  }

  /**
   * Applies a new, validated configuration (hot reload); the output keeps its connections.
   *
   * @return what was done, a line each, for the log; empty when nothing concerned this output
   */
  default List<String> reload(GatewayConfig next) {
    return List.of();
  }

  /** Stops within a bounded time, delivering what it can; never throws. */
  @Override
  void close();
}
