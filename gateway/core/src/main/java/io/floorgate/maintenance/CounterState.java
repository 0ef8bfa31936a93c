package io.floorgate.maintenance;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a counter keeps across restarts (one entry of {@code <stateFile stem>-maintenance.json}).
 *
 * @param value       run hours or counts since the last reset
 * @param lastOn      the last GOOD judgement of the running/on condition, so an edge across a
 *                    restart is still counted; null when none was seen
 * @param lastRaw     COUNT of a PLC counter: the PLC's last value, so increments made while the
 *                    gateway was down are counted; null otherwise
 * @param lastResetAt when the counter was last reset through the API; null if never
 * @param lastResetBy who reset it
 * @param comment     the comment given with the reset
 */
public record CounterState(
    double value,
    @Nullable Boolean lastOn,
    @Nullable Double lastRaw,
    @Nullable Instant lastResetAt,
    @Nullable String lastResetBy,
    @Nullable String comment) {

  /** A counter never run and never reset. */
  public static final CounterState ZERO = new CounterState(0, null, null, null, null, null);

  public CounterState {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("counter value " + value + " must be a number >= 0");
    }
  }
}
