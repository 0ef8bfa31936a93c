package io.floorgate.config;

import java.time.Duration;

/**
 * Bounds shared by the records' compact constructors and the loader, so that both speak of the
 * same limits. The loader reports violations as {@link ConfigError}s before a record is built;
 * these checks are the records' own guard when code builds them directly.
 */
final class Checks {

  private Checks() {}

  static Duration within(String name, Duration value, Duration min, Duration max) {
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(name + " " + Durations.format(value) + " is outside "
          + Durations.format(min) + ".." + Durations.format(max));
    }
    return value;
  }

  static int within(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " " + value + " is outside " + min + ".." + max);
    }
    return value;
  }
}
