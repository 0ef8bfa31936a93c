package io.floorgate.sparkplug;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The node's PLC writes per second ({@code sparkplug.writes.maxPerSecond}): a token bucket that
 * holds at most one second's writes and refills at that rate, so a host may write a burst of that
 * many at once and then that many a second. Used on the node's thread only.
 */
final class WriteBudget {

  private static final double NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

  private final int perSecond;
  private final LongSupplier nanoTime;
  private double tokens;
  private long last;

  WriteBudget(int perSecond, LongSupplier nanoTime) {
    if (perSecond < 1) {
      throw new IllegalArgumentException("perSecond must be at least 1, got " + perSecond);
    }
    this.perSecond = perSecond;
    this.nanoTime = nanoTime;
    this.tokens = perSecond;
    this.last = nanoTime.getAsLong();
  }

  int perSecond() {
    return perSecond;
  }

  /** How many of {@code wanted} writes may go now (all, some or none); those are spent. */
  int take(int wanted) {
    long now = nanoTime.getAsLong();
    tokens = Math.min(perSecond, tokens + (now - last) / NANOS_PER_SECOND * perSecond);
    last = now;
    int granted = (int) Math.min(wanted, Math.floor(tokens));
    tokens -= granted;
    return granted;
  }
}
