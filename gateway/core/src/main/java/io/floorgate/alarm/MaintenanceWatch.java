package io.floorgate.alarm;

import io.floorgate.reading.Reading;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The judgement of a maintenance rule (DISAGREEMENT, FROZEN, TREND, STALE): a condition that
 * depends on time as much as on values.
 *
 * <p>Readings come by exception: OPC UA sends nothing while a value does not change, so a frozen
 * sensor or a stalled heartbeat sends no reading that could trigger a judgement. A watch therefore
 * sees every reading of the rule's inputs ({@link #observe}, whatever the alarm's state, so that
 * it knows the tag when the alarm returns to service) and is asked for its verdict on every
 * reading and on every engine tick ({@link #judge}). The rule's {@code for:} is part of the
 * verdict; the alarm's {@code onDelay} and {@code offDelay} apply on top of it, as for every rule.
 * Owned by one {@link Evaluator}, on the engine's thread: not thread-safe.
 */
interface MaintenanceWatch {

  /** A reading of one of the rule's inputs, received at {@code now} (the gateway's clock). */
  void observe(Reading reading, Instant now);

  /** Whether the condition holds at {@code now}; null while it cannot be judged. */
  @Nullable Boolean judge(Instant now);

  /** The quantity of the last judgement, the alarm's value at trip; null if none yet. */
  @Nullable Double value();

  /** The alarm's text as of the last judgement; null for the configured message. */
  default @Nullable String text() {
    return null;
  }

  /**
   * The alarm was active before the restart: the watch takes the condition as still holding until
   * readings say otherwise, so that a restart neither clears the alarm nor raises it again.
   */
  default void resume(Alarm saved) {}

  /** The watch of a maintenance rule; null for the other kinds. */
  static @Nullable MaintenanceWatch of(AlarmRule rule) {
    return switch (rule.kind()) {
      case DISAGREEMENT -> new DisagreementWatch(rule);
      case FROZEN -> new FrozenWatch(rule);
      case STALE -> new StaleWatch(rule);
      case TREND -> new TrendWatch(rule);
      default -> null;
    };
  }
}
