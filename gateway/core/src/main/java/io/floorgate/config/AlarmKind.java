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
  CONDITION,
  /** Two tags that should agree (a zone's two thermocouples) differ by more than the limit for
   *  longer than {@code for}: one of them is failing. */
  DISAGREEMENT,
  /** A GOOD value unchanged (within {@code tolerance}) for longer than {@code for} while the
   *  {@code while} tag says the process runs: a stuck sensor. */
  FROZEN,
  /** A least-squares slope over {@code window} projects the value across the limit within
   *  {@code horizon}: wear, fouling, drift. */
  TREND,
  /** No new value from the tag for longer than {@code for}: a stalled heartbeat. */
  STALE,
  /** Running time of a boolean (or of a value above {@code above}) reaching a service interval
   *  in hours. */
  RUN_HOURS,
  /** Rising edges of a boolean, or increments of a counter, reaching a service interval. */
  COUNT,
  /** A PLC connection lost: one alarm per connection, generated, never configured as a rule. */
  COMMUNICATION;

  /** The word used in ids and topics: {@code hihi}, {@code bad-quality}, {@code run-hours}. */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /** The word used for {@code type:} in config: {@link #word()}, but {@code runHours}. */
  public String configWord() {
    return this == RUN_HOURS ? "runHours" : word();
  }

  /** Whether the rule needs a numeric {@code limit}. */
  public boolean needsLimit() {
    return switch (this) {
      case HI, HIHI, LO, LOLO, DEVIATION, RATE, DISAGREEMENT, TREND -> true;
      default -> false;
    };
  }

  /** Whether a rule may be written with this {@code type:} (not PLC conditions, not links). */
  public boolean configurable() {
    return this != CONDITION && this != COMMUNICATION;
  }

  /** The class a rule of this kind has when the config names none. */
  public AlarmClass defaultClass() {
    return switch (this) {
      case DISAGREEMENT, FROZEN, TREND, STALE, RUN_HOURS, COUNT -> AlarmClass.MAINTENANCE;
      default -> AlarmClass.PROCESS;
    };
  }

  /** Whether the rule needs a duration {@code for:} (how long the condition must hold). */
  public boolean needsHoldFor() {
    return this == DISAGREEMENT || this == FROZEN || this == STALE;
  }

  /** Whether the rule needs a service {@code interval:}. */
  public boolean needsInterval() {
    return this == RUN_HOURS || this == COUNT;
  }
}
