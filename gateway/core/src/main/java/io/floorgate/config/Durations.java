package io.floorgate.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as written in config: a number and a unit, {@code 250ms}, {@code 1s}, {@code 1.5s},
 * {@code 5m}, {@code 1h}, {@code 14d}. A unit is required: a bare {@code 250} is ambiguous to a reader (PLC
 * tools mean milliseconds, most Unix tools seconds).
 */
final class Durations {

  private static final Pattern FORM =
      Pattern.compile("([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))\\s*([a-zA-Zµ]*)");
  private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
      "ms", 1_000_000L,
      "s", 1_000_000_000L,
      "m", 60_000_000_000L,
      "min", 60_000_000_000L,
      "h", 3_600_000_000_000L,
      "d", 86_400_000_000_000L);

  private Durations() {}

  /**
   * Parses a duration.
   *
   * @throws IllegalArgumentException with a message that says how to write it
   */
  static Duration parse(String text) {
    String trimmed = text.strip();
    Matcher m = FORM.matcher(trimmed);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration; write a number and a "
          + "unit (ms, s, m, h, d), e.g. 250ms, 1s, 5m");
    }
    String unit = m.group(2).toLowerCase(Locale.ROOT);
    if (unit.isEmpty()) {
      throw new IllegalArgumentException(trimmed + " has no unit; write " + trimmed + "ms or "
          + trimmed + "s (units: ms, s, m, h, d)");
    }
    Long nanosPerUnit = NANOS_PER_UNIT.get(unit);
    if (nanosPerUnit == null) {
      throw new IllegalArgumentException("'" + m.group(2) + "' in '" + trimmed + "' is not a unit "
          + "of time here; use ms, s, m, h or d, e.g. 250ms, 1s, 5m");
    }
    BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(nanosPerUnit));
    if (nanos.signum() < 0) {
      throw new IllegalArgumentException(trimmed + " is negative; durations are positive");
    }
    if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException(trimmed + " is far too long");
    }
    return Duration.ofNanos(nanos.longValue());
  }

  /** The way a reader would write it: the largest unit that divides it exactly. */
  static String format(Duration d) {
    long nanos = d.toNanos();
    if (nanos != 0 && nanos % 86_400_000_000_000L == 0) {
      return nanos / 86_400_000_000_000L + "d";
    }
    if (nanos != 0 && nanos % 3_600_000_000_000L == 0) {
      return nanos / 3_600_000_000_000L + "h";
    }
    if (nanos != 0 && nanos % 60_000_000_000L == 0) {
      return nanos / 60_000_000_000L + "m";
    }
    if (nanos != 0 && nanos % 1_000_000_000L == 0) {
      return nanos / 1_000_000_000L + "s";
    }
    if (nanos % 1_000_000L == 0) {
      return nanos / 1_000_000L + "ms";
    }
    return BigDecimal.valueOf(nanos, 6).stripTrailingZeros().toPlainString() + "ms";
  }
}
