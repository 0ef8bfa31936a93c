package io.floorgate.sim;

import java.util.ArrayList;
import java.util.List;

/** RHK01's variables in one server's namespace; declared anew whenever that server starts. */
final class KilnTags {

  record Zone(SimTag sp, SimTag pv, SimTag tcA, SimTag tcB, SimTag heater) {}

  final SimTag heartbeat;
  final SimTag running;
  final List<Zone> zones = new ArrayList<>();
  final SimTag o2;
  final SimTag o2Flow;
  final SimTag dewPoint;
  final SimTag pressure;
  final SimTag rollerSpeed;
  final SimTag coolingWater;
  final SimTag tcOpenZone;
  final SimTag overTempZone;
  final SimTag o2Low;
  final SimTag clockReset;
  final SimTag heartbeatStall;
  final SimTag stuckZone;

  KilnTags(PlantNamespace ns) {
    String p = KilnModel.NAME + ".";
    heartbeat = ns.variable(p + "Heartbeat", TagType.INT32);
    running = ns.variable(p + "Running", TagType.BOOLEAN);
    for (int z = 1; z <= KilnModel.ZONES; z++) {
      String zp = p + String.format("Zone%02d.", z);
      zones.add(
          new Zone(
              // Operators (and SCADA) change setpoints: the model follows what is written.
              ns.writableVariable(zp + "TempSP", TagType.DOUBLE),
              ns.variable(zp + "TempPV", TagType.DOUBLE),
              ns.variable(zp + "TC_A", TagType.DOUBLE),
              ns.variable(zp + "TC_B", TagType.DOUBLE),
              ns.variable(zp + "HeaterOut_pct", TagType.DOUBLE)));
    }
    o2 = ns.variable(p + "O2_pct", TagType.DOUBLE);
    o2Flow = ns.variable(p + "O2Flow_Nm3h", TagType.DOUBLE);
    dewPoint = ns.variable(p + "DewPoint_degC", TagType.DOUBLE);
    pressure = ns.variable(p + "KilnPress_Pa", TagType.DOUBLE);
    rollerSpeed = ns.variable(p + "RollerSpeed_mm_min", TagType.DOUBLE);
    coolingWater = ns.variable(p + "CoolingWater_raw", TagType.INT16);
    tcOpenZone = ns.writableVariable(p + "Faults.TcOpenZone", TagType.INT32);
    overTempZone = ns.writableVariable(p + "Faults.OverTempZone", TagType.INT32);
    o2Low = ns.writableVariable(p + "Faults.O2Low", TagType.BOOLEAN);
    clockReset = ns.writableVariable(p + "Faults.ClockReset", TagType.BOOLEAN);
    heartbeatStall = ns.writableVariable(p + "Faults.HeartbeatStall", TagType.BOOLEAN);
    stuckZone = ns.writableVariable(p + "Faults.StuckZone", TagType.INT32);
  }

  KilnModel.Faults faults() {
    return new KilnModel.Faults(
        tcOpenZone.intValue(),
        overTempZone.intValue(),
        o2Low.booleanValue(),
        clockReset.booleanValue(),
        heartbeatStall.booleanValue(),
        stuckZone.intValue());
  }
}
