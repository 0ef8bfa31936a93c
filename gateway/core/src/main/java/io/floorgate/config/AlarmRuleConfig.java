package io.floorgate.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One alarm (an item of {@code alarms.rules} in YAML).
 *
 * <p>Defaults and bounds (the loader applies the defaults; the constructor enforces the bounds):
 * {@code name} the type's word ({@code hi}, {@code bad-quality}); {@code deadband} 0 (&gt;= 0);
 * {@code onDelay}, {@code offDelay} 0 (0–1h); {@code priority} medium; {@code message} generated
 * from the tag and type; {@code inService} true.
 *
 * @param tag          the watched tag, {@code area/path}, e.g. {@code calcination/rhk01/zone05/temperature}
 * @param kind         what is watched
 * @param name         last level of the alarm's id and topic; unique per tag
 * @param limit        the trip limit in the tag's unit (units per minute for RATE); null for
 *                     DISCRETE and BAD_QUALITY
 * @param deadband     how far back over the limit the value must come before the alarm clears
 * @param onDelay      how long the condition must hold before the alarm is raised
 * @param offDelay     how long the condition must be gone before the alarm clears
 * @param priority     the alarm's priority
 * @param message      the text operators see
 * @param against      DEVIATION only: the other tag ({@code area/path}), a duplicate sensor or a
 *                     setpoint
 * @param equals       DISCRETE only: the state that is the alarm ({@code true}, {@code 4},
 *                     {@code fault})
 * @param suppressWhen suppression by design: while this holds the alarm is not annunciated
 * @param inService    false takes the alarm out of service
 * @param alarmClass   process or maintenance; by default {@link AlarmKind#defaultClass()}
 * @param holdFor      DISAGREEMENT, FROZEN, STALE ({@code for:}): how long the condition must hold
 *                     (1s–30d); null for the other kinds
 * @param tolerance    FROZEN: changes up to this much count as unchanged (&gt;= 0, default 0)
 * @param guard        FROZEN ({@code while:}): judged only while this tag equals the state (the
 *                     process runs); null to judge always
 * @param trend        TREND: window, horizon and direction; null for the other kinds
 * @param interval     RUN_HOURS (hours) and COUNT (edges or increments): the service interval;
 *                     null for the other kinds
 * @param above        RUN_HOURS and COUNT of a numeric tag: runs while the value is above this
 *                     (COUNT: counts each rise above it); null to use the tag as a boolean
 *                     (COUNT: or as a counter whose increments are counted)
 * @param suppressedBy suppression by design ({@code suppressedBy:}, one or a list): tags
 *                     ({@code area/path}) that are true or non-zero while the alarm must be
 *                     suppressed, and ids of other alarms ({@code calcination.rhk01.mode.standby})
 *                     that suppress it while they are active; empty for none
 */
public record AlarmRuleConfig(
    String tag,
    AlarmKind kind,
    String name,
    @Nullable Double limit,
    double deadband,
    Duration onDelay,
    Duration offDelay,
    AlarmPriority priority,
    String message,
    @Nullable String against,
    @Nullable String equals,
    @Nullable Suppression suppressWhen,
    boolean inService,
    AlarmClass alarmClass,
    @Nullable Duration holdFor,
    double tolerance,
    @Nullable Suppression guard,
    @Nullable Trend trend,
    @Nullable Double interval,
    @Nullable Double above,
    List<String> suppressedBy) {

  public static final double DEFAULT_DEADBAND = 0.0;
  public static final Duration DEFAULT_DELAY = Duration.ZERO;
  public static final Duration MAX_DELAY = Duration.ofHours(1);
  public static final AlarmPriority DEFAULT_PRIORITY = AlarmPriority.MEDIUM;
  public static final Duration MIN_HOLD_FOR = Duration.ofSeconds(1);
  public static final Duration MAX_HOLD_FOR = Duration.ofDays(30);

  /** A process-era rule: the kind's default class and none of the maintenance settings. */
  public AlarmRuleConfig(String tag, AlarmKind kind, String name, @Nullable Double limit,
      double deadband, Duration onDelay, Duration offDelay, AlarmPriority priority, String message,
      @Nullable String against, @Nullable String equals, @Nullable Suppression suppressWhen,
      boolean inService) {
    this(tag, kind, name, limit, deadband, onDelay, offDelay, priority, message, against, equals,
        suppressWhen, inService, kind.defaultClass(), null, 0.0, null, null, null, null);
  }

  /** A rule that nothing but {@code suppressWhen} suppresses. */
  public AlarmRuleConfig(String tag, AlarmKind kind, String name, @Nullable Double limit,
      double deadband, Duration onDelay, Duration offDelay, AlarmPriority priority, String message,
      @Nullable String against, @Nullable String equals, @Nullable Suppression suppressWhen,
      boolean inService, AlarmClass alarmClass, @Nullable Duration holdFor, double tolerance,
      @Nullable Suppression guard, @Nullable Trend trend, @Nullable Double interval,
      @Nullable Double above) {
    this(tag, kind, name, limit, deadband, onDelay, offDelay, priority, message, against, equals,
        suppressWhen, inService, alarmClass, holdFor, tolerance, guard, trend, interval, above,
        List.of());
  }

  public AlarmRuleConfig {
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(message, "message");
    Checks.within("onDelay", onDelay, Duration.ZERO, MAX_DELAY);
    Checks.within("offDelay", offDelay, Duration.ZERO, MAX_DELAY);
    if (!(deadband >= 0) || Double.isInfinite(deadband)) {
      throw new IllegalArgumentException("deadband " + deadband + " must be a number >= 0");
    }
    if (kind.needsLimit() && limit == null) {
      throw new IllegalArgumentException(kind.word() + " alarm on " + tag + " needs a limit");
    }
    if (kind == AlarmKind.DEVIATION && against == null) {
      throw new IllegalArgumentException("deviation alarm on " + tag + " needs 'against'");
    }
    if (kind == AlarmKind.DISCRETE && equals == null) {
      throw new IllegalArgumentException("discrete alarm on " + tag + " needs 'equals'");
    }
    Objects.requireNonNull(alarmClass, "alarmClass");
    suppressedBy = List.copyOf(suppressedBy);
    if (kind.needsHoldFor()) {
      Checks.within("for", Objects.requireNonNull(holdFor, "for"), MIN_HOLD_FOR, MAX_HOLD_FOR);
    }
    if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException("tolerance " + tolerance + " must be a number >= 0");
    }
    if (kind == AlarmKind.DISAGREEMENT && against == null) {
      throw new IllegalArgumentException("disagreement alarm on " + tag + " needs 'against'");
    }
    if (kind == AlarmKind.TREND && trend == null) {
      throw new IllegalArgumentException("trend alarm on " + tag + " needs window and horizon");
    }
    if (kind.needsInterval() && (interval == null || !(interval > 0)
        || Double.isInfinite(interval))) {
      throw new IllegalArgumentException(kind.configWord() + " alarm on " + tag
          + " needs an interval > 0");
    }
  }

  /**
   * TREND's projection: the least-squares slope of the values of the last {@code window} is
   * extended; the alarm is raised when it reaches the limit within {@code horizon}.
   *
   * @param window  how far back the slope is fitted (1m–90d)
   * @param horizon how far ahead the crossing is looked for (1m–365d)
   * @param rising  true: the limit is crossed going up; false: going down
   */
  public record Trend(Duration window, Duration horizon, boolean rising) {
    public static final Duration MIN = Duration.ofMinutes(1);
    public static final Duration MAX_WINDOW = Duration.ofDays(90);
    public static final Duration MAX_HORIZON = Duration.ofDays(365);

    public Trend {
      Checks.within("window", window, MIN, MAX_WINDOW);
      Checks.within("horizon", horizon, MIN, MAX_HORIZON);
    }
  }

  /**
   * A suppress-by-design condition: the alarm is suppressed while {@code tag} equals
   * {@code equals} (e.g. the kiln's {@code running} is {@code false}).
   */
  public record Suppression(String tag, String equals) {
    public Suppression {
      Objects.requireNonNull(tag, "tag");
      Objects.requireNonNull(equals, "equals");
    }
  }
}
