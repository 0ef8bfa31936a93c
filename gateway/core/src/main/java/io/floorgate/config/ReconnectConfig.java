package io.floorgate.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How the MQTT lanes wait between failed connects ({@code mqtt.reconnect:} in YAML; the
 * Sparkplug and alarm lanes inherit it): {@code initialDelay}, then twice that after each failure
 * in a row, up to {@code maxDelay}, each spread by ±20 % jitter and never above {@code maxDelay}.
 * A short {@code maxDelay} brings the gateway back sooner after a long outage, before readings
 * with a short {@code buffer.maxAge} expire; a long one spares a broker that is struggling.
 *
 * <p>Defaults and bounds: {@code initialDelay} 1s (100ms–1h); {@code maxDelay} 30s, or
 * {@code initialDelay} when that is longer (from {@code initialDelay} to 1h).
 *
 * @param initialDelay the wait after the first failed connect
 * @param maxDelay     the longest wait between two attempts
 */
public record ReconnectConfig(Duration initialDelay, Duration maxDelay) {

  public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(30);
  public static final Duration MIN_DELAY = Duration.ofMillis(100);
  /** An operator waiting longer than this for the broker would rather restart the gateway. */
  public static final Duration MAX_DELAY = Duration.ofHours(1);

  public ReconnectConfig {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    Checks.within("initialDelay", initialDelay, MIN_DELAY, MAX_DELAY);
    Checks.within("maxDelay", maxDelay, initialDelay, MAX_DELAY);
  }

  public static ReconnectConfig defaults() {
    return new ReconnectConfig(DEFAULT_INITIAL_DELAY, DEFAULT_MAX_DELAY);
  }
}
