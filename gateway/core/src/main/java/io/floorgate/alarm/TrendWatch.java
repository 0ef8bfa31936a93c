package io.floorgate.alarm;

import io.floorgate.config.AlarmRuleConfig;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * TREND: the least-squares line through the GOOD values of the last {@code window} (see
 * {@link TrendBuckets}), extended forward, reaches the limit — from below when rising, from above
 * when falling — within {@code horizon}: wear, fouling, drift.
 *
 * <p>Raised when the projected crossing is at most {@code horizon} away and the slope is at least
 * {@value #CONFIDENCE} standard errors from zero (a slope that noise explains is no trend);
 * cleared when the crossing moves more than {@value #HYSTERESIS_PERCENT} % beyond the horizon or
 * the slope turns. A value already past the limit on a line heading on is a crossing now. Times
 * are the gateway's; the history lives in memory only and is not kept across a restart: after
 * one, the rule cannot judge (and an active alarm stays active) until a quarter of the window has
 * been seen again. The configured {@code deadband} is not used.
 *
 * <p>The alarm's value is the line's value now, in the tag's unit (beside the limit); its text,
 * refreshed at each raise, says when: {@code mixing/mx01/drive/current projected to reach 38 A in
 * ≈ 9 days}. A message written in the config comes first instead of the tag:
 * {@code Mixer drive current: projected to reach 38 A in ≈ 9 days}.
 */
final class TrendWatch implements MaintenanceWatch {

  static final double CONFIDENCE = 3.0;
  static final int HYSTERESIS_PERCENT = 10;

  private final TrendBuckets buckets;
  private final String tag;
  private final double limit;
  private final boolean rising;
  private final double horizon;
  private final String subject;
  private final String target;
  private final NumericInput numbers;

  private boolean on;
  private @Nullable Double fitted;
  private @Nullable String text;

  TrendWatch(AlarmRule rule) {
    AlarmRuleConfig cfg = rule.config();
    AlarmRuleConfig.Trend trend = Objects.requireNonNull(cfg.trend(), "trend");
    this.buckets = new TrendBuckets(trend.window());
    this.tag = rule.tag();
    this.limit = Objects.requireNonNull(cfg.limit(), "limit");
    this.rising = trend.rising();
    this.horizon = trend.horizon().toNanos() / 1e9;
    String generated = cfg.tag() + " is heading for " + number(limit);
    this.subject = cfg.message().equals(generated) ? cfg.tag() + " " : cfg.message() + ": ";
    this.target = number(limit) + (rule.unit() == null ? "" : " " + rule.unit());
    this.numbers = new NumericInput(rule);
  }

  @Override
  public void observe(Reading reading, Instant now) {
    if (!reading.path().equals(tag)) {
      return;
    }
    if (reading.quality() != Quality.GOOD) {
      buckets.interrupt();
      return;
    }
    Double v = numbers.of(reading);
    if (v != null) {
      buckets.add(now, v);
    }
  }

  @Override
  public @Nullable Boolean judge(Instant now) {
    TrendBuckets.Fit fit = buckets.fit(now);
    if (fit == null) {
      return null;
    }
    fitted = fit.valueNow();
    double toward = rising ? fit.slope() : -fit.slope();
    if (!(toward > 0)) {
      on = false;
      return false;
    }
    double distance = rising ? limit - fit.valueNow() : fit.valueNow() - limit;
    double eta = Math.max(0, distance / toward);
    on = on ? eta <= horizon * (1 + HYSTERESIS_PERCENT / 100.0)
        : eta <= horizon && fit.confidence() >= CONFIDENCE;
    if (on) {
      text = subject + "projected to reach " + target + " " + when(eta);
    }
    return on;
  }

  @Override
  public @Nullable Double value() {
    return fitted;
  }

  @Override
  public @Nullable String text() {
    return text;
  }

  @Override
  public void resume(Alarm saved) {
    on = true;
    text = saved.message();
  }

  /** How long until the crossing, as an operator reads it: {@code in ≈ 9 days}. */
  static String when(double seconds) {
    if (seconds < 60) {
      return "in less than a minute";
    }
    if (seconds < 90 * 60) {
      return about(seconds / 60, "minute");
    }
    if (seconds < 36 * 3600) {
      return about(seconds / 3600, "hour");
    }
    return about(seconds / 86_400, "day");
  }

  private static String about(double amount, String unit) {
    long n = Math.round(amount);
    return "in ≈ " + n + " " + unit + (n == 1 ? "" : "s");
  }

  /** A number as the config's reader wrote it: {@code 38}, not {@code 38.0}. */
  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value) : Double.toString(value);
  }
}
