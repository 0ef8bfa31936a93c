package io.floorgate.sim;

import java.time.Instant;
import java.util.Random;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.jspecify.annotations.Nullable;

/**
 * Powder mixer MX01/MX02. A batch cycle of two minutes: Idle 10 s, Charging 20 s, Mixing 70 s
 * (motor at 120 rpm, ~95 A after an inrush of ~2.5× that decays in a few seconds), Discharging 20
 * s. Every Charging starts a new batch id. The bearing temperature is in °F, as the drive reports
 * it. {@code Faults.OverCurrent} jams the agitator: the drive trips to Fault and draws ~150 A for
 * as long as the fault is set; clearing it restarts the cycle from Idle.
 *
 * <p>The motor runs while Mixing and Discharging: {@code Running}, {@code AtSpeed} and the start
 * counter {@code Starts} follow it ({@link DriveStatus}); {@code RunCurrent_A} is the current at
 * mixing speed once the inrush has passed, held between batches, the value a trend of the drive's
 * load is kept on. MX01's main bearing is wearing: its load current creeps up by {@value
 * #CREEP_A_PER_DAY} A per day of wear time ({@link WearClock}), up to {@value #MAX_CREEP_A} A.
 * {@code Faults.HeartbeatStall} stops the heartbeat counting.
 */
final class MixerModel implements PlcModel {

  static final short IDLE = 0;
  static final short CHARGING = 1;
  static final short MIXING = 2;
  static final short DISCHARGING = 3;
  static final short FAULT = 4;

  static final int IDLE_TICKS = 100;
  static final int CHARGING_TICKS = 200;
  static final int MIXING_TICKS = 700;
  static final int DISCHARGING_TICKS = 200;
  static final int CYCLE_TICKS = IDLE_TICKS + CHARGING_TICKS + MIXING_TICKS + DISCHARGING_TICKS;
  static final double FULL_LOAD_A = 95.0;
  /** The mixer whose bearing wears. */
  static final int WORN = 1;
  static final double CREEP_A_PER_DAY = 0.25;
  /** Short of the over-current alarm: the inrush still decays below 130 A within 4 s. */
  static final double MAX_CREEP_A = 20.0;
  /** After this long at mixing speed the inrush is gone (below 0.2 A): the run current is read. */
  static final double INRUSH_SETTLED_S = 10.0;

  private static final int MIXING_START = IDLE_TICKS + CHARGING_TICKS;
  private static final int DISCHARGING_START = MIXING_START + MIXING_TICKS;
  private static final double INRUSH_EXTRA = 1.5;
  private static final double INRUSH_TAU_S = 1.5;
  private static final double FAULT_CURRENT_A = 152.0;
  private static final double[] SPEED_RPM = {0, 0, 120, 45, 25};
  private static final double[] BEARING_DEGF = {125, 128, 152, 140, 185};
  private static final double[] VIBRATION_MM_S = {1.1, 1.2, 2.8, 2.0, 6.5};

  private final String name;
  private final int number;
  private final Random random;
  private final PlcClock clock = new PlcClock();
  private final WearClock wear;
  private final double creepPerDay;
  private final DriveStatus drive;
  private int heartbeat;
  private int cycleTick;
  private short state;
  private double speed;
  private double current;
  private double torque;
  private double bearingTemp;
  private double vibration;
  private int batchSeq;
  private double runCurrent = FULL_LOAD_A;
  private @Nullable MixerTags tags;

  /**
   * @param number 1 for MX01, 2 for MX02
   * @param startTick where in the cycle this mixer starts, so that the two mixers differ
   */
  MixerModel(int number, long seed, int startTick) {
    this(number, seed, startTick, 1.0);
  }

  /**
   * @param driftSpeed how many times faster than the process MX01's bearing wears
   */
  MixerModel(int number, long seed, int startTick, double driftSpeed) {
    this.name = String.format("MX%02d", number);
    this.wear = new WearClock(driftSpeed);
    this.creepPerDay = number == WORN ? CREEP_A_PER_DAY : 0.0;
    this.number = number;
    this.random = new Random(seed);
    this.cycleTick = Math.floorMod(startTick, CYCLE_TICKS);
    this.state = stateAt(cycleTick);
    this.batchSeq = 1 + random.nextInt(400);
    this.bearingTemp = 138.0 + random.nextGaussian();
    this.speed = SPEED_RPM[state];
    this.vibration = VIBRATION_MM_S[state];
    updateDrive(false);
    // The lifetime count a PLC holds, different per mixer; not drawn from the noise's seed.
    this.drive = new DriveStatus(motorOn(state), 20_000L + 1_000L * number);
    drive.update(motorOn(state), speed, SPEED_RPM[state]);
  }

  String name() {
    return name;
  }

  @Override
  public PlcClock clock() {
    return clock;
  }

  @Override
  public void declare(PlantNamespace namespace) {
    tags = new MixerTags(namespace, name);
  }

  @Override
  public void step(Instant now) {
    MixerTags t = tags;
    step(t != null && t.overCurrent.booleanValue(), t != null && t.heartbeatStall.booleanValue());
  }

  /** One scan of physics; package-private so tests can run many cycles in milliseconds. */
  void step(boolean overCurrent) {
    step(overCurrent, false);
  }

  /** One scan of physics under both faults. */
  void step(boolean overCurrent, boolean heartbeatStall) {
    wear.advance(SCAN_SECONDS);
    if (!heartbeatStall) {
      heartbeat = heartbeat == Integer.MAX_VALUE ? 0 : heartbeat + 1;
    }
    if (overCurrent) {
      state = FAULT;
    } else if (state == FAULT) {
      cycleTick = 0;
      state = IDLE;
    } else {
      cycleTick = (cycleTick + 1) % CYCLE_TICKS;
      state = stateAt(cycleTick);
      if (cycleTick == IDLE_TICKS) {
        batchSeq = batchSeq % 9999 + 1;
      }
    }
    updateDrive(true);
    drive.update(motorOn(state), speed, SPEED_RPM[state]);
    double atSpeedFor = (cycleTick - MIXING_START) * SCAN_SECONDS;
    if (state == MIXING && atSpeedFor >= INRUSH_SETTLED_S) {
      runCurrent = current;
    }
  }

  /** Mixing and Discharging turn the agitator; a tripped drive does not. */
  private static boolean motorOn(short state) {
    return state == MIXING || state == DISCHARGING;
  }

  /** How much more than its normal load the worn drive draws now, in A. */
  double creep() {
    return Math.min(MAX_CREEP_A, creepPerDay * wear.days());
  }

  private static short stateAt(int tick) {
    if (tick < IDLE_TICKS) {
      return IDLE;
    } else if (tick < MIXING_START) {
      return CHARGING;
    } else if (tick < DISCHARGING_START) {
      return MIXING;
    }
    return DISCHARGING;
  }

  private void updateDrive(boolean noisy) {
    double n = noisy ? random.nextGaussian() : 0.0;
    speed += (SPEED_RPM[state] - speed) * SCAN_SECONDS / 1.0;
    switch (state) {
      case MIXING -> {
        double t = (cycleTick - MIXING_START) * SCAN_SECONDS;
        current = FULL_LOAD_A * (1.0 + INRUSH_EXTRA * Math.exp(-t / INRUSH_TAU_S)) + creep()
            + 0.8 * n;
        torque = current / FULL_LOAD_A * 85.0;
      }
      case DISCHARGING -> {
        current = 40.0 + creep() + 0.8 * n;
        torque = 35.0 + 0.5 * n;
      }
      case FAULT -> {
        current += (FAULT_CURRENT_A - current) * SCAN_SECONDS / 0.5 + 0.8 * n;
        torque = 160.0 + n;
      }
      default -> {
        current = 0.0;
        torque = 0.0;
      }
    }
    double bearingTau = state == FAULT ? 20.0 : 90.0;
    bearingTemp += (BEARING_DEGF[state] - bearingTemp) * SCAN_SECONDS / bearingTau + 0.05 * n;
    double v = vibration + (VIBRATION_MM_S[state] - vibration) * SCAN_SECONDS / 0.5;
    double noise = noisy ? 0.15 * random.nextGaussian() : 0.0;
    vibration = Math.max(1.0, Math.min(state == FAULT ? 10.0 : 4.0, v + noise));
  }

  @Override
  public void publish(Instant now) {
    MixerTags t = tags;
    if (t == null) {
      return;
    }
    Stamp s = clock.stamp(now);
    t.heartbeat.publish(Variant.ofInt32(heartbeat), s);
    t.state.publish(Variant.ofInt16(state), s);
    t.speed.publish(speed, s);
    t.current.publish(current, s);
    t.torque.publish(torque, s);
    t.bearingTemp.publish(bearingTemp, s);
    t.vibration.publish(vibration, s);
    t.batchId.publish(Variant.ofString(batchId()), s);
    t.running.publish(Variant.ofBoolean(drive.running()), s);
    t.atSpeed.publish(Variant.ofBoolean(drive.atSpeed()), s);
    t.starts.publish(Variant.ofUInt32(UInteger.valueOf(drive.starts())), s);
    t.runCurrent.publish(runCurrent, s);
  }

  /** Batch ids as the plant's MES prints them, e.g. {@code B2611-0042} (26 = year, 11 = MX01). */
  String batchId() {
    return String.format("B26%02d-%04d", 10 + number, batchSeq);
  }

  short state() {
    return state;
  }

  boolean running() {
    return drive.running();
  }

  boolean atSpeed() {
    return drive.atSpeed();
  }

  long starts() {
    return drive.starts();
  }

  double runCurrent() {
    return runCurrent;
  }

  int heartbeat() {
    return heartbeat;
  }

  double current() {
    return current;
  }

  double speed() {
    return speed;
  }

  double torque() {
    return torque;
  }

  double bearingTemp() {
    return bearingTemp;
  }

  double vibration() {
    return vibration;
  }
}
