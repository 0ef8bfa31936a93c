package io.floorgate.sim;

/** One mixer's variables in one server's namespace; declared anew whenever that server starts. */
final class MixerTags {

  final SimTag heartbeat;
  final SimTag state;
  final SimTag speed;
  final SimTag current;
  final SimTag torque;
  final SimTag bearingTemp;
  final SimTag vibration;
  final SimTag batchId;
  final SimTag running;
  final SimTag atSpeed;
  final SimTag starts;
  final SimTag runCurrent;
  final SimTag overCurrent;
  final SimTag heartbeatStall;

  MixerTags(PlantNamespace ns, String name) {
    String p = name + ".";
    heartbeat = ns.variable(p + "Heartbeat", TagType.INT32);
    state = ns.variable(p + "State", TagType.INT16);
    speed = ns.variable(p + "Speed_rpm", TagType.DOUBLE);
    current = ns.variable(p + "Current_A", TagType.DOUBLE);
    torque = ns.variable(p + "Torque_pct", TagType.DOUBLE);
    bearingTemp = ns.variable(p + "BearingTemp_degF", TagType.DOUBLE);
    vibration = ns.variable(p + "Vibration_mm_s", TagType.DOUBLE);
    batchId = ns.variable(p + "BatchId", TagType.STRING);
    running = ns.variable(p + "Running", TagType.BOOLEAN);
    atSpeed = ns.variable(p + "AtSpeed", TagType.BOOLEAN);
    starts = ns.variable(p + "Starts", TagType.UINT32);
    runCurrent = ns.variable(p + "RunCurrent_A", TagType.DOUBLE);
    overCurrent = ns.writableVariable(p + "Faults.OverCurrent", TagType.BOOLEAN);
    heartbeatStall = ns.writableVariable(p + "Faults.HeartbeatStall", TagType.BOOLEAN);
  }
}
