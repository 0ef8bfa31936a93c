package io.floorgate.sim;

import java.time.Duration;
import java.time.Instant;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.jspecify.annotations.Nullable;

/**
 * A PLC's real-time clock. After a clock reset (a flat backup battery, in the field) it counts
 * again from 2000-01-01T00:00:00Z, while the OPC UA server keeps the right time; gateways must
 * notice the difference instead of publishing readings from the year 2000.
 */
final class PlcClock {

  static final Instant RESET_EPOCH = Instant.parse("2000-01-01T00:00:00Z");

  private volatile @Nullable Instant resetAt;

  /** Sets or clears the reset; setting it again while reset keeps the first reset's count. */
  void reset(boolean reset, Instant now) {
    if (!reset) {
      resetAt = null;
    } else if (resetAt == null) {
      resetAt = now;
    }
  }

  Stamp stamp(Instant now) {
    Instant since = resetAt;
    Instant source = since == null ? now : RESET_EPOCH.plus(Duration.between(since, now));
    return new Stamp(new DateTime(source), new DateTime(now));
  }
}
