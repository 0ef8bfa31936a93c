package io.floorgate.sim;

/**
 * The time over which a simulated machine wears: it advances with the scans, {@code speed} times
 * faster than they run, so that a demo shows weeks of thermocouple drift or bearing wear in a
 * minute while the process itself (batches, heating, noise) keeps its real pace. Speed 0 stops the
 * wear. Each model owns one and advances it on its own scan.
 */
final class WearClock {

  private static final double SECONDS_PER_HOUR = 3600.0;
  private static final double SECONDS_PER_DAY = 86_400.0;

  private final double speed;
  private double seconds;

  WearClock(double speed) {
    if (!(speed >= 0.0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("wear speed " + speed + " must be a number >= 0");
    }
    this.speed = speed;
  }

  /** Advances the wear by {@code scanSeconds} of process time. */
  void advance(double scanSeconds) {
    seconds += scanSeconds * speed;
  }

  /** Hours of wear since the simulation started. */
  double hours() {
    return seconds / SECONDS_PER_HOUR;
  }

  /** Days of wear since the simulation started. */
  double days() {
    return seconds / SECONDS_PER_DAY;
  }
}
