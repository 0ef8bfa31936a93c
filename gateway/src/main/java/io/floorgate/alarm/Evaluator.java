package io.floorgate.alarm;

import io.floorgate.config.AlarmKind;
import io.floorgate.config.AlarmRuleConfig;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Judges a rule's raw condition from its inputs, with the deadband as hysteresis, and keeps the
 * quantity judged (the value, the deviation, the rate) for the alarm's value at trip.
 * Owned by one {@link AlarmTracker}: not thread-safe.
 */
final class Evaluator {

  private final AlarmRuleConfig cfg;
  private @Nullable Double measured;
  private @Nullable Double previousValue;
  private @Nullable Instant previousTime;

  Evaluator(AlarmRuleConfig cfg) {
    this.cfg = cfg;
  }

  @Nullable Double measured() {
    return measured;
  }

  /** RATE: whether no new value has come for longer than {@code quiet} (by exception: no change). */
  boolean quietFor(Instant now, Duration quiet) {
    Instant last = previousTime;
    if (last != null && Duration.between(last, now).compareTo(quiet) > 0) {
      measured = 0.0;
      return true;
    }
    return false;
  }

  void reset() {
    previousValue = null;
    previousTime = null;
  }

  /**
   * The condition; null when it cannot be judged (no reading, bad quality, not a number).
   *
   * @param on whether the condition holds now: the deadband then applies before it goes
   */
  @Nullable Boolean judge(@Nullable Reading main, @Nullable Reading other, boolean mainChanged,
      boolean on) {
    if (main == null) {
      return null;
    }
    if (cfg.kind() == AlarmKind.BAD_QUALITY) {
      return main.quality() == Quality.BAD;
    }
    if (main.quality() == Quality.BAD) {
      return null;
    }
    if (cfg.kind() == AlarmKind.DISCRETE) {
      return Values.matches(main.value(), cfg.equals());
    }
    Double v = Values.number(main.value());
    if (v == null) {
      return null;
    }
    double limit = cfg.limit() == null ? 0 : cfg.limit();
    double deadband = cfg.deadband();
    switch (cfg.kind()) {
      case HI, HIHI:
        measured = v;
        return on ? v > limit - deadband : v > limit;
      case LO, LOLO:
        measured = v;
        return on ? v < limit + deadband : v < limit;
      case DEVIATION: {
        Double o = other == null || other.quality() == Quality.BAD ? null
            : Values.number(other.value());
        if (o == null) {
          return null;
        }
        double d = Math.abs(v - o);
        measured = d;
        return on ? d > limit - deadband : d > limit;
      }
      case RATE:
        return mainChanged ? rate(v, main.gatewayTime(), limit, deadband, on) : null;
      default:
        return null;
    }
  }

  private @Nullable Boolean rate(double v, Instant t, double limit, double deadband, boolean on) {
    Double pv = previousValue;
    Instant pt = previousTime;
    previousValue = v;
    previousTime = t;
    if (pv == null || pt == null || !t.isAfter(pt)) {
      return null;
    }
    double perMinute = Math.abs(v - pv) / (Duration.between(pt, t).toNanos() / 60e9);
    measured = perMinute;
    return on ? perMinute > limit - deadband : perMinute > limit;
  }
}
