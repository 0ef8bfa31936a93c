package io.floorgate.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;

/** The store-and-forward queue: depth, bytes, age of the oldest reading, drops by reason. */
final class BufferMeters implements MeterBinder {

  private final GatewaySource gateway;
  private final Clock clock;

  BufferMeters(GatewaySource gateway, Clock clock) {
    this.gateway = gateway;
    this.clock = clock;
  }

  @Override
  public void bindTo(MeterRegistry r) {
    GatewaySource g = gateway;
    Gauge.builder("floorgate.buffer.depth", g, s -> s.buffer().size())
        .description("readings queued on disk, not yet acknowledged by the broker").register(r);
    Gauge.builder("floorgate.buffer.bytes", g, s -> s.buffer().bytes()).baseUnit("bytes")
        .description("queue size as counted against buffer.maxBytes").register(r);
    Gauge.builder("floorgate.buffer.oldest.age", this, m -> m.oldestAgeSeconds())
        .baseUnit("seconds").description("age of the oldest queued reading").register(r);
    FunctionCounter.builder("floorgate.buffer.drops", g, s -> s.buffer().droppedFull())
        .tag("reason", "full").register(r);
    FunctionCounter.builder("floorgate.buffer.drops", g, s -> s.buffer().droppedExpired())
        .tag("reason", "expired").register(r);
    FunctionCounter.builder("floorgate.buffer.drops", g, s -> s.buffer().droppedUnwritable())
        .tag("reason", "unwritable").register(r);
  }

  double oldestAgeSeconds() {
    long queuedAt = gateway.buffer().oldestQueuedAt();
    return queuedAt < 0 ? 0 : Math.max(0, clock.millis() - queuedAt) / 1000.0;
  }
}
