package io.floorgate.config;

import io.floorgate.reading.TimestampSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Which clock a connection's readings are stamped with, and when it is not believed.
 *
 * <p>A timestamp from the PLC or server is implausible when it is before {@code notBefore} (PLC
 * clocks that reset to 2000-01-01) or more than {@code maxFuture} ahead of the gateway's clock;
 * the policy then falls back source → server → gateway.
 *
 * <p>Defaults and bounds: {@code preferred} source; {@code notBefore} 2020-01-01T00:00:00Z;
 * {@code maxFuture} 5m (1s–1d).
 *
 * @param preferred the clock to use when plausible
 * @param notBefore earliest plausible time
 * @param maxFuture how far ahead of the gateway clock a time may be
 */
public record TimestampPolicy(TimestampSource preferred, Instant notBefore, Duration maxFuture) {

  public static final Instant DEFAULT_NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");
  public static final Duration DEFAULT_MAX_FUTURE = Duration.ofMinutes(5);
  public static final Duration MIN_MAX_FUTURE = Duration.ofSeconds(1);
  public static final Duration MAX_MAX_FUTURE = Duration.ofDays(1);

  public static TimestampPolicy defaults() {
    return new TimestampPolicy(TimestampSource.SOURCE, DEFAULT_NOT_BEFORE, DEFAULT_MAX_FUTURE);
  }

  public TimestampPolicy {
    Objects.requireNonNull(preferred, "preferred");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(maxFuture, "maxFuture");
    Checks.within("maxFuture", maxFuture, MIN_MAX_FUTURE, MAX_MAX_FUTURE);
  }
}
