package io.floorgate.config;

import java.time.Duration;
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
    boolean inService) {

  public static final double DEFAULT_DEADBAND = 0.0;
  public static final Duration DEFAULT_DELAY = Duration.ZERO;
  public static final Duration MAX_DELAY = Duration.ofHours(1);
  public static final AlarmPriority DEFAULT_PRIORITY = AlarmPriority.MEDIUM;

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
