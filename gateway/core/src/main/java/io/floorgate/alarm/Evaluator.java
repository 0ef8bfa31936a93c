package io.floorgate.alarm;

import io.floorgate.config.AlarmKind;
import io.floorgate.config.AlarmRuleConfig;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * Judges a rule's raw condition from its inputs, with the deadband as hysteresis, and keeps the
 * quantity judged (the value, the deviation, the rate) for the alarm's value at trip. The
 * maintenance kinds (DISAGREEMENT, FROZEN, TREND, STALE) are judged over time by their
 * {@link MaintenanceWatch}, on ticks as well as readings: {@link #judgeOverTime}.
 * Owned by one {@link AlarmTracker}: not thread-safe.
 */
final class Evaluator {

  /**
   * RATE is judged over this span, not between two readings: values sampled 250 ms apart (or
   * delivered in one batch) turn a little noise into a steep rate.
   */
  static final Duration RATE_WINDOW = Duration.ofSeconds(10);

  private final AlarmRuleConfig cfg;
  private @Nullable Double measured;
  /** RATE: recent (timestamp, value) pairs; the first is at or before the window's start. */
  private final ArrayDeque<Sample> history = new ArrayDeque<>();
  /** RATE: when the gateway last received a value (the gateway's clock, not the PLC's). */
  private @Nullable Instant lastInputAt;

  /** The maintenance kinds' judgement; null for the other kinds. */
  private final @Nullable MaintenanceWatch watch;
  /** The watch's text as of the last judgement before the alarm was raised. */
  private @Nullable String text;

  private record Sample(Instant at, double value) {}

  Evaluator(AlarmRule rule) {
    this.cfg = rule.config();
    this.watch = MaintenanceWatch.of(rule);
  }

  /** A reading of one of the rule's inputs: the maintenance kinds keep what they need of it. */
  void observe(Reading reading, Instant now) {
    if (watch != null) {
      watch.observe(reading, now);
    }
  }

  /**
   * A maintenance rule's condition at {@code now}; null when the rule is of another kind or
   * cannot judge. The alarm's text follows the judgements until the alarm is raised, then holds.
   *
   * @param active whether the alarm is raised
   */
  @Nullable Boolean judgeOverTime(Instant now, boolean active) {
    Boolean judged = watch == null ? null : watch.judge(now);
    if (judged != null) {
      measured = watch.value();
      text = active ? text : watch.text();
    }
    return judged;
  }

  /** The alarm's text: the watch's when it has one, else the configured message. */
  String message() {
    return text != null ? text : cfg.message();
  }

  /** The alarm was active before a restart: see {@link MaintenanceWatch#resume}. */
  void resume(Alarm saved) {
    if (watch != null) {
      watch.resume(saved);
      text = watch.text();
    }
  }

  @Nullable Double measured() {
    return measured;
  }

  /** RATE: whether no new value has come for longer than {@code quiet} (by exception: no change). */
  boolean quietFor(Instant now, Duration quiet) {
    Instant last = lastInputAt;
    if (last != null && Duration.between(last, now).compareTo(quiet) > 0) {
      measured = 0.0;
      return true;
    }
    return false;
  }

  void reset() {
    history.clear();
    lastInputAt = null;
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
    if (cfg.kind() == AlarmKind.COMMUNICATION) {
      return Boolean.TRUE.equals(main.value()); // the link is down: see LinkWatch
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
        return mainChanged ? rate(main, v, limit, deadband, on) : null;
      default:
        return null;
    }
  }

  /** The rate over {@link #RATE_WINDOW}, by the readings' own timestamps; null until known. */
  private @Nullable Boolean rate(Reading reading, double v, double limit, double deadband,
      boolean on) {
    Instant t = reading.timestamp();
    lastInputAt = reading.gatewayTime();
    Sample last = history.peekLast();
    if (last != null && !t.isAfter(last.at())) {
      // A clock that went back (PLC clock reset): start over rather than divide by nonsense.
      history.clear();
    }
    history.addLast(new Sample(t, v));
    Instant windowStart = t.minus(RATE_WINDOW);
    while (history.size() > 2 && !secondOldest().at().isAfter(windowStart)) {
      history.removeFirst();
    }
    Sample reference = history.peekFirst();
    Duration span = Duration.between(reference.at(), t);
    if (span.compareTo(RATE_WINDOW.dividedBy(2)) < 0) {
      return null;
    }
    double perMinute = Math.abs(v - reference.value()) / (span.toNanos() / 60e9);
    measured = perMinute;
    return on ? perMinute > limit - deadband : perMinute > limit;
  }

  private Sample secondOldest() {
    var it = history.iterator();
    it.next();
    return it.next();
  }
}
