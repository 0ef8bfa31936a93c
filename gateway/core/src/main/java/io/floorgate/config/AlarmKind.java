package io.floorgate.config;

/** What an alarm rule watches (the {@code type} of an item of {@code alarms.rules}). */
public enum AlarmKind {
  /** Value above the limit. */
  HI,
  /** Value above the (higher) limit: the second stage of HI. */
  HIHI,
  /** Value below the limit. */
  LO,
  /** Value below the (lower) limit: the second stage of LO. */
  LOLO,
  /** Absolute difference from another tag (a duplicate sensor or a setpoint) above the limit. */
  DEVIATION,
  /** Absolute rate of change, in units per minute, above the limit. */
  RATE,
  /** The value equals a given state ({@code true}, a number, an enum state name). */
  DISCRETE,
  /** The reading's quality is BAD (e.g. an open thermocouple, {@code Bad_SensorFailure}). */
  BAD_QUALITY,
  /** A condition raised by the PLC itself (OPC UA Alarms &amp; Conditions). */
  CONDITION;

  /** The word used in config, ids and topics: {@code hihi}, {@code bad-quality}. */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /** Whether the rule needs a numeric {@code limit}. */
  public boolean needsLimit() {
    return this != DISCRETE && this != BAD_QUALITY && this != CONDITION;
  }
}
