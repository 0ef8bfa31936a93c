package io.floorgate.driver;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff for reconnecting, the one every connection of the gateway uses (PLCs and
 * brokers alike): {@code initial}, twice that, four times, … up to {@code max}, each spread by
 * ±{@code jitter} so that many gateways restarting together do not knock on a PLC or a broker in
 * lockstep.
 */
public record Backoff(Duration initial, Duration max, double jitter) {

  public static final double DEFAULT_JITTER = 0.2;

  public Backoff {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.toMillis() < 1) {
      throw new IllegalArgumentException("initial backoff must be at least 1 ms, got " + initial);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("max backoff " + max + " is below initial " + initial);
    }
    if (!(jitter >= 0 && jitter < 1)) {
      throw new IllegalArgumentException("jitter must be in [0, 1), got " + jitter);
    }
  }

  public Backoff(Duration initial, Duration max) {
    this(initial, max, DEFAULT_JITTER);
  }

  /** The delay after the {@code failures}-th consecutive failure, before jitter. */
  public Duration base(int failures) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be >= 1, got " + failures);
    }
    long maxMs = max.toMillis();
    long ms = initial.toMillis();
    // At most ~63 doublings before the ceiling: the loop stays short for any failure count.
    for (int i = 1; i < failures && ms < maxMs; i++) {
      ms = ms > maxMs / 2 ? maxMs : ms * 2;
    }
    return Duration.ofMillis(Math.min(ms, maxMs));
  }

  /**
   * The jittered delay after the {@code failures}-th failure, for a uniform {@code random} in
   * [0, 1): 0.5 gives the base delay. Never above {@code max}.
   */
  public Duration delay(int failures, double random) {
    long baseMs = base(failures).toMillis();
    double factor = 1 + jitter * (2 * random - 1);
    long ms = Math.round(baseMs * factor);
    return Duration.ofMillis(Math.max(1, Math.min(ms, max.toMillis())));
  }

  /** The jittered delay after the {@code failures}-th consecutive failure. */
  public Duration next(int failures) {
    return delay(failures, ThreadLocalRandom.current().nextDouble());
  }

  /** "750 ms", "4 s", "2 min" — for log lines an operator reads. */
  public static String humanize(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    long s = Math.round(ms / 1000.0);
    if (s < 120) {
      return s + " s";
    }
    return Math.round(s / 60.0) + " min";
  }
}
