package io.floorgate.config;

/**
 * Alarm priority, four levels as ISA-18.2 recommends, each with the OPC UA severity (1–1000) it
 * maps to.
 */
public enum AlarmPriority {
  LOW(250),
  MEDIUM(500),
  HIGH(750),
  URGENT(1000);

  private final int severity;

  AlarmPriority(int severity) {
    this.severity = severity;
  }

  /** The OPC UA severity of this priority. */
  public int severity() {
    return severity;
  }

  /** The priority an OPC UA severity falls into (1–333 low, …, 834–1000 urgent). */
  public static AlarmPriority ofSeverity(int severity) {
    if (severity > 833) {
      return URGENT;
    }
    if (severity > 600) {
      return HIGH;
    }
    return severity > 333 ? MEDIUM : LOW;
  }
}
