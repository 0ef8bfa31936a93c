package io.floorgate.buffer;

import io.floorgate.output.BufferState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;

/**
 * One output's store-and-forward queue: depth, bytes, age of the oldest reading, drops by reason,
 * tagged with the output ({@code output="uns"}, {@code output="sparkplug"}).
 */
public final class BufferMeters implements MeterBinder {

  private final DiskBuffer buffer;
  private final String output;
  private final Clock clock;

  public BufferMeters(DiskBuffer buffer, String output, Clock clock) {
    this.buffer = buffer;
    this.output = output;
    this.clock = clock;
  }

  @Override
  public void bindTo(MeterRegistry r) {
    DiskBuffer b = buffer;
    Gauge.builder("floorgate.buffer.depth", b, DiskBuffer::size).tag("output", output)
        .description("readings queued on disk, not yet delivered").register(r);
    Gauge.builder("floorgate.buffer.bytes", b, DiskBuffer::bytes).tag("output", output)
        .baseUnit("bytes").description("queue size as counted against buffer.maxBytes")
        .register(r);
    Gauge.builder("floorgate.buffer.oldest.age", this, BufferMeters::oldestAgeSeconds)
        .tag("output", output).baseUnit("seconds").description("age of the oldest queued reading")
        .register(r);
    FunctionCounter.builder("floorgate.buffer.drops", b, DiskBuffer::droppedFull)
        .tag("output", output).tag("reason", "full").register(r);
    FunctionCounter.builder("floorgate.buffer.drops", b, DiskBuffer::droppedExpired)
        .tag("output", output).tag("reason", "expired").register(r);
    FunctionCounter.builder("floorgate.buffer.drops", b, DiskBuffer::droppedUnwritable)
        .tag("output", output).tag("reason", "unwritable").register(r);
    FunctionCounter.builder("floorgate.buffer.damaged", b, DiskBuffer::damaged)
        .tag("output", output)
        .description("readings found damaged in the queue file (about) and left out")
        .register(r);
  }

  double oldestAgeSeconds() {
    long queuedAt = buffer.oldestQueuedAt();
    return queuedAt < 0 ? 0 : Math.max(0, clock.millis() - queuedAt) / 1000.0;
  }

  /** The queue at a glance, for the status page. */
  public BufferState state() {
    return new BufferState(buffer.size(), buffer.bytes(), oldestAgeSeconds(), buffer.dropped());
  }
}
