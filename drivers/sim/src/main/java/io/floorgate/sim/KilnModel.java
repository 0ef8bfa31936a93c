package io.floorgate.sim;

import java.time.Instant;
import java.util.Random;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.jspecify.annotations.Nullable;

/**
 * Roller hearth kiln RHK01: twelve zones (preheat 300→600 °C, soak 720–780 °C under O2, cooling
 * 500→150 °C), each following its setpoint with a slow first-order lag and seeded noise, read by
 * two thermocouples a little apart. Zone {@value #DRIFT_ZONE}'s thermocouple B is failing: it
 * drifts away from A by {@value #DRIFT_C_PER_HOUR} °C per hour of wear time ({@link WearClock}),
 * up to {@value #MAX_DRIFT_C} °C. {@code Faults.HeartbeatStall} stops the heartbeat counting, as a
 * stuck PLC task would, while the OPC UA server still answers; {@code Faults.StuckZone} holds that
 * zone's reported temperature at its last value (a stuck transmitter) while the zone goes on.
 */
final class KilnModel implements PlcModel {

  static final String NAME = "RHK01";
  static final int ZONES = 12;
  /** The zone whose thermocouple B drifts. */
  static final int DRIFT_ZONE = 5;
  static final double DRIFT_C_PER_HOUR = 0.5;
  static final double MAX_DRIFT_C = 30.0;

  private static final double[] SETPOINTS = {
    300, 400, 500, 600, 720, 750, 780, 780, 750, 500, 300, 150
  };
  private static final double ZONE_TAU_S = 30.0;
  private static final double FAULT_TAU_S = 10.0;
  private static final double OVER_TEMP_C = 80.0;
  private static final double O2_NORMAL_PCT = 92.0;
  private static final double O2_LOW_PCT = 80.0;
  private static final double O2_TAU_S = 5.0;
  private static final double COUNTS_PER_LPM = 27648.0 / 400.0;

  /** What clients wrote to {@code RHK01.Faults}. */
  record Faults(int tcOpenZone, int overTempZone, boolean o2Low, boolean clockReset,
      boolean heartbeatStall, int stuckZone) {
    static final Faults NONE = new Faults(0, 0, false, false, false, 0);

    Faults(int tcOpenZone, int overTempZone, boolean o2Low, boolean clockReset) {
      this(tcOpenZone, overTempZone, o2Low, clockReset, false, 0);
    }
  }

  private final Random random;
  private final PlcClock clock = new PlcClock();
  private final WearClock wear;
  /** The zone setpoints, which clients may write; they survive a PLC restart as in a real PLC. */
  private final double[] setpoints = SETPOINTS.clone();
  private final double[] pv = new double[ZONES];
  private final double[] tcOffsetA = new double[ZONES];
  private final double[] tcOffsetB = new double[ZONES];
  private final double[] tcA = new double[ZONES];
  private final double[] tcB = new double[ZONES];
  private final double[] heater = new double[ZONES];
  private int heartbeat;
  private double o2 = O2_NORMAL_PCT;
  private double o2Flow = 120.0;
  private double dewPoint = -40.0;
  private double pressure = 25.0;
  private double rollerSpeed = 50.0;
  private double coolingWaterLpm = 180.0;
  private Faults faults = Faults.NONE;
  /** What the stuck zone's transmitter reports: its value when it stuck. */
  private double stuckPv;
  /** Read by the Modbus devices' update, on another thread than the scan. */
  private volatile KilnReadout readout;

  private @Nullable KilnTags tags;
  private @Nullable KilnConditions conditions;

  /** With wear at the pace of the process. */
  KilnModel(long seed) {
    this(seed, 1.0);
  }

  /** @param driftSpeed how many times faster than the process the thermocouple drifts */
  KilnModel(long seed, double driftSpeed) {
    this.random = new Random(seed);
    this.wear = new WearClock(driftSpeed);
    for (int z = 0; z < ZONES; z++) {
      pv[z] = SETPOINTS[z] + random.nextGaussian();
      tcOffsetA[z] = 1.5 * (random.nextDouble() - 0.5);
      tcOffsetB[z] = 1.5 * (random.nextDouble() - 0.5);
    }
    readThermocouples();
    updateHeaters();
    readout = measure();
  }

  @Override
  public void declare(PlantNamespace namespace) {
    tags = new KilnTags(namespace);
    conditions = KilnConditions.declare(namespace);
  }

  @Override
  public PlcClock clock() {
    return clock;
  }

  @Override
  public void step(Instant now) {
    KilnTags t = tags;
    if (t != null) {
      adoptWrittenSetpoints(t);
    }
    step(t == null ? Faults.NONE : t.faults());
    clock.reset(faults.clockReset(), now);
  }

  /** A setpoint variable that differs from the last one published was written by a client. */
  private void adoptWrittenSetpoints(KilnTags t) {
    for (int z = 0; z < ZONES; z++) {
      double written = t.zones.get(z).sp().doubleValue();
      if (Double.isFinite(written)) {
        setpoints[z] = written;
      }
    }
  }

  /** One scan of physics under {@code faults}; package-private so tests can run hours in ms. */
  void step(Faults faults) {
    int stuck = faults.stuckZone();
    if (stuck != this.faults.stuckZone() && stuck >= 1 && stuck <= ZONES) {
      stuckPv = pv[stuck - 1];
    }
    this.faults = faults;
    wear.advance(SCAN_SECONDS);
    if (!faults.heartbeatStall()) {
      heartbeat = heartbeat == Integer.MAX_VALUE ? 0 : heartbeat + 1;
    }
    for (int z = 0; z < ZONES; z++) {
      boolean overTemp = faults.overTempZone() == z + 1;
      double target = setpoints[z] + (overTemp ? OVER_TEMP_C : 0.0);
      double tau = overTemp || pv[z] > setpoints[z] + 10 ? FAULT_TAU_S : ZONE_TAU_S;
      pv[z] += (target - pv[z]) * SCAN_SECONDS / tau + 0.15 * random.nextGaussian();
    }
    readThermocouples();
    updateHeaters();
    double o2Target = faults.o2Low() ? O2_LOW_PCT : O2_NORMAL_PCT;
    o2 += (o2Target - o2) * SCAN_SECONDS / O2_TAU_S + 0.03 * random.nextGaussian();
    double flowTarget = faults.o2Low() ? 55.0 : 120.0;
    o2Flow += (flowTarget - o2Flow) * SCAN_SECONDS / O2_TAU_S + 0.2 * random.nextGaussian();
    dewPoint += (-40.0 - dewPoint) * 0.02 + 0.1 * random.nextGaussian();
    pressure += (25.0 - pressure) * 0.05 + 0.2 * random.nextGaussian();
    rollerSpeed += (50.0 - rollerSpeed) * 0.05 + 0.02 * random.nextGaussian();
    coolingWaterLpm += (180.0 - coolingWaterLpm) * 0.05 + 0.5 * random.nextGaussian();
    readout = measure();
  }

  private KilnReadout measure() {
    double heaterSum = 0.0;
    for (int z = 0; z < ZONES; z++) {
      heaterSum += heater[z];
    }
    return new KilnReadout(o2, heaterSum / ZONES);
  }

  private void readThermocouples() {
    for (int z = 0; z < ZONES; z++) {
      tcA[z] = pv[z] + tcOffsetA[z] + 0.2 * random.nextGaussian();
      tcB[z] = pv[z] + tcOffsetB[z] + 0.2 * random.nextGaussian();
    }
    tcB[DRIFT_ZONE - 1] += tcDrift();
  }

  /** How far zone {@value #DRIFT_ZONE}'s thermocouple B has drifted so far, in °C. */
  double tcDrift() {
    return Math.min(MAX_DRIFT_C, DRIFT_C_PER_HOUR * wear.hours());
  }

  /** A base load that grows with the setpoint, trimmed by a proportional term on the error. */
  private void updateHeaters() {
    for (int z = 0; z < ZONES; z++) {
      double base = 65.0 * setpoints[z] / 800.0;
      double out = base + 2.0 * (setpoints[z] - pv[z]);
      heater[z] = Math.max(0.0, Math.min(100.0, out));
    }
  }

  @Override
  public void publish(Instant now) {
    KilnTags t = tags;
    if (t == null) {
      return;
    }
    Stamp s = clock.stamp(now);
    t.heartbeat.publish(Variant.ofInt32(heartbeat), s);
    t.running.publish(Variant.ofBoolean(true), s);
    for (int z = 0; z < ZONES; z++) {
      KilnTags.Zone zone = t.zones.get(z);
      zone.sp().publish(setpoints[z], s);
      zone.pv().publish(reportedPv(z + 1), s);
      if (faults.tcOpenZone() == z + 1) {
        zone.tcA().publishBad(StatusCodes.Bad_SensorFailure, s);
      } else {
        zone.tcA().publish(tcA[z], s);
      }
      zone.tcB().publish(tcB[z], s);
      zone.heater().publish(heater[z], s);
    }
    KilnConditions c = conditions;
    if (c != null) {
      int hottest = 0;
      for (int z = 1; z < ZONES; z++) {
        hottest = pv[z] - SETPOINTS[z] > pv[hottest] - SETPOINTS[hottest] ? z : hottest;
      }
      c.update(hottest + 1, pv[hottest] - SETPOINTS[hottest], pv[hottest], SETPOINTS[hottest]);
    }
    t.o2.publish(o2, s);
    t.o2Flow.publish(o2Flow, s);
    t.dewPoint.publish(dewPoint, s);
    t.pressure.publish(pressure, s);
    t.rollerSpeed.publish(rollerSpeed, s);
    long counts = Math.round(coolingWaterLpm * COUNTS_PER_LPM);
    t.coolingWater.publish(Variant.ofInt16((short) Math.max(0, Math.min(27648, counts))), s);
  }

  double setpoint(int zone) {
    return setpoints[zone - 1];
  }

  double pv(int zone) {
    return pv[zone - 1];
  }

  /** The zone temperature the PLC reports: the held value while its transmitter is stuck. */
  double reportedPv(int zone) {
    return faults.stuckZone() == zone ? stuckPv : pv[zone - 1];
  }

  double tcA(int zone) {
    return tcA[zone - 1];
  }

  double tcB(int zone) {
    return tcB[zone - 1];
  }

  double heater(int zone) {
    return heater[zone - 1];
  }

  double o2() {
    return o2;
  }

  /** The latest scan's readout; safe to call from any thread. */
  KilnReadout latestReadout() {
    return readout;
  }

  int heartbeat() {
    return heartbeat;
  }
}
