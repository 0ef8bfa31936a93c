package io.floorgate.alarm;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Reading values as alarm rules compare them. */
final class Values {

  private Values() {}

  /** The value as a number, or null when it is none (a state name, missing). */
  static @Nullable Double number(@Nullable Object value) {
    if (value instanceof Number n) {
      double d = n.doubleValue();
      return Double.isFinite(d) ? d : null;
    }
    return null;
  }

  /**
   * Whether a value equals a state as written in config: {@code true}/{@code false} for booleans,
   * a number for numbers, a name (any case) for enum states and text.
   */
  static boolean matches(@Nullable Object value, String expected) {
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean b) {
      return expected.equalsIgnoreCase(b.toString());
    }
    if (value instanceof Number n) {
      try {
        return Double.parseDouble(expected) == n.doubleValue();
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return value.toString().toLowerCase(Locale.ROOT).equals(expected.toLowerCase(Locale.ROOT));
  }
}
