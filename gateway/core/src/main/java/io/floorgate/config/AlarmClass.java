package io.floorgate.config;

import java.util.Locale;

/**
 * Who an alarm is for (the {@code class} of an item of {@code alarms.rules}): the operator in the
 * control room, or maintenance. Both follow the same ISA-18.2 life cycle; the class lets
 * notifications, the API ({@code ?class=maintenance}) and consoles tell them apart.
 */
public enum AlarmClass {
  /** A process alarm: the operator must act now (the default for limit, rate and quality rules). */
  PROCESS,
  /** A maintenance need: a failing sensor, wear, a service interval (the default for the
   *  maintenance rule kinds). */
  MAINTENANCE;

  /** The word used in config, JSON and labels: {@code process}, {@code maintenance}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
