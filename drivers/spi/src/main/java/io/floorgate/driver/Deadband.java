package io.floorgate.driver;

/**
 * A change filter: a new value is reported only when it differs from the last reported one by
 * more than {@code value} (absolute, in the tag's raw units) or by more than {@code value} percent
 * of the tag's range.
 */
public record Deadband(Kind kind, double value) {

  /** Absolute units or percent of range, as OPC UA's DataChangeFilter defines them. */
  public enum Kind {
    ABSOLUTE,
    PERCENT
  }

  public Deadband {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("deadband must be a finite number >= 0, got " + value);
    }
    if (kind == Kind.PERCENT && value > 100) {
      throw new IllegalArgumentException("percent deadband must be <= 100, got " + value);
    }
  }
}
