package io.floorgate.sim;

/**
 * What a drive's PLC reports besides the analog values: {@code Running} while the motor is
 * switched on, {@code AtSpeed} while it turns within {@value #AT_SPEED_BAND_PCT} % of its speed
 * setpoint, and {@code Starts}, a counter (UInt32, wrapping as the PLC's does) incremented at
 * every start — what run-hour and start-count service intervals are kept on.
 */
final class DriveStatus {

  static final double AT_SPEED_BAND_PCT = 5.0;
  private static final long UINT32_WRAP = 1L << 32;

  private boolean running;
  private boolean atSpeed;
  private long starts;

  /**
   * @param running whether the motor runs at the simulation's start (no start is counted)
   * @param starts  the lifetime count of starts the PLC holds at the simulation's start
   */
  DriveStatus(boolean running, long starts) {
    this.running = running;
    this.starts = Math.floorMod(starts, UINT32_WRAP);
  }

  /** One scan: counts a start when the motor was off and runs now. */
  void update(boolean nowRunning, double speed, double setpoint) {
    if (nowRunning && !running) {
      starts = (starts + 1) % UINT32_WRAP;
    }
    running = nowRunning;
    atSpeed = nowRunning && setpoint > 0
        && Math.abs(speed - setpoint) <= setpoint * AT_SPEED_BAND_PCT / 100.0;
  }

  boolean running() {
    return running;
  }

  boolean atSpeed() {
    return atSpeed;
  }

  /** The start counter, 0 to 2^32 - 1. */
  long starts() {
    return starts;
  }
}
