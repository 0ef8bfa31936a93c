package io.floorgate.alarm;

/** The ISA-18.2 alarm states, as operators see them. */
public enum AlarmState {
  /** Condition absent, nothing to acknowledge. */
  NORMAL,
  /** Active and not yet acknowledged: annunciated. */
  UNACKED,
  /** Active and acknowledged. */
  ACKED,
  /** The condition has gone but the alarm was never acknowledged. */
  RTN_UNACKED,
  /** Shelved by an operator for a limited time; returns by itself. */
  SHELVED,
  /** Suppressed by design: a configured condition (e.g. the kiln is not running) holds. */
  SUPPRESSED,
  /** Taken out of service (maintenance): not evaluated. */
  OUT_OF_SERVICE;

  static AlarmState of(boolean active, boolean acked, boolean shelved, boolean suppressed,
      boolean outOfService) {
    if (outOfService) {
      return OUT_OF_SERVICE;
    }
    if (suppressed) {
      return SUPPRESSED;
    }
    if (shelved) {
      return SHELVED;
    }
    if (active) {
      return acked ? ACKED : UNACKED;
    }
    return acked ? NORMAL : RTN_UNACKED;
  }
}
