package io.floorgate.sim;

import java.util.Objects;

/**
 * How to run the simulated plant.
 *
 * @param bindHost the address every PLC server and Modbus device listens on; {@code 0.0.0.0}
 *     listens everywhere and advertises this machine's host name
 * @param basePort RHK01's port; MX01 and MX02 take the next two. {@code 0} gives every PLC a free
 *     port of its own (tests)
 * @param seed seed of the noise, so that two runs with the same seed produce the same values
 * @param scale number of extra load variables {@code RHK01.Load.V00000 …} (0 = no load mode); load
 *     mode also serves {@code RHK01.Load.Probe}, a Boolean flipping every 500 ms (an alarm probe)
 * @param rateHz how often each load variable changes, per second
 * @param security the endpoints and users the PLCs offer
 * @param limits operation limits the PLCs enforce
 * @param modbusPort the Modbus TCP port of the O2 analyzer O2A01; the power meter PM01 takes the
 *     next. {@code 0} gives each device a free port of its own. The constructors without it take
 *     {@link #DEFAULT_MODBUS_PORT}, or 0 when {@code basePort} is 0
 * @param driftSpeed how many times faster than real time the plant wears (zone 05's thermocouple
 *     B drifting, MX01's motor current creeping up), so that a demo shows weeks of wear in a
 *     minute; 1 (the default) is real time, 0 stops the wear, at most {@link #MAX_DRIFT_SPEED}
 */
public record SimOptions(String bindHost, int basePort, long seed, int scale, double rateHz,
    SimSecurity security, SimLimits limits, int modbusPort, double driftSpeed) {

  /** RHK01's port when none is given. */
  public static final int DEFAULT_BASE_PORT = 4841;

  /** O2A01's port when none is given (Modbus's 502 needs root; 5020 is the usual stand-in). */
  public static final int DEFAULT_MODBUS_PORT = 5020;

  /** The most load variables the five-digit names allow. */
  public static final int MAX_SCALE = 100_000;

  /** The fastest load rate: one change every 10 ms. */
  public static final double MAX_RATE_HZ = 100.0;

  /** Wear at the pace of real time. */
  public static final double DEFAULT_DRIFT_SPEED = 1.0;

  /** The fastest wear: about eleven days per second. */
  public static final double MAX_DRIFT_SPEED = 1_000_000.0;

  /** How many ports each side takes from its base: the PLCs, the Modbus devices. */
  private static final int PLCS = 3;
  private static final int MODBUS_DEVICES = 2;

  public SimOptions {
    Objects.requireNonNull(bindHost, "bindHost");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(limits, "limits");
    if (bindHost.isBlank()) {
      throw new IllegalArgumentException("bindHost is blank: give an address such as 127.0.0.1");
    }
    if (basePort < 0 || basePort > 65_533) {
      throw new IllegalArgumentException(
          "basePort " + basePort + " is out of range: use 0 (random ports) or 1..65533");
    }
    if (scale < 0 || scale > MAX_SCALE) {
      throw new IllegalArgumentException(
          "scale " + scale + " is out of range: use 0.." + MAX_SCALE);
    }
    if (!(rateHz > 0.0) || rateHz > MAX_RATE_HZ) {
      throw new IllegalArgumentException(
          "rateHz " + rateHz + " is out of range: use more than 0 and at most " + MAX_RATE_HZ);
    }
    if (modbusPort < 0 || modbusPort > 65_536 - MODBUS_DEVICES) {
      throw new IllegalArgumentException("modbusPort " + modbusPort
          + " is out of range: use 0 (random ports) or 1.." + (65_536 - MODBUS_DEVICES));
    }
    if (basePort != 0 && modbusPort != 0 && modbusPort < basePort + PLCS
        && basePort < modbusPort + MODBUS_DEVICES) {
      throw new IllegalArgumentException("modbusPort " + modbusPort + " and the next overlap the"
          + " PLCs' ports " + basePort + ".." + (basePort + PLCS - 1)
          + ": give the Modbus devices other ports");
    }
    if (!(driftSpeed >= 0.0) || driftSpeed > MAX_DRIFT_SPEED) {
      throw new IllegalArgumentException("drift speed " + driftSpeed + " is out of range: use 0"
          + " (no wear), 1 (real time) or more, at most " + (long) MAX_DRIFT_SPEED);
    }
  }

  /** Wearing in real time. */
  public SimOptions(String bindHost, int basePort, long seed, int scale, double rateHz,
      SimSecurity security, SimLimits limits, int modbusPort) {
    this(bindHost, basePort, seed, scale, rateHz, security, limits, modbusPort,
        DEFAULT_DRIFT_SPEED);
  }

  /** With the Modbus devices on their default ports (or free ones when {@code basePort} is 0). */
  public SimOptions(String bindHost, int basePort, long seed, int scale, double rateHz,
      SimSecurity security, SimLimits limits) {
    this(bindHost, basePort, seed, scale, rateHz, security, limits, defaultModbusPort(basePort));
  }

  /** Unsecured, with Milo's default limits. */
  public SimOptions(String bindHost, int basePort, long seed, int scale, double rateHz) {
    this(bindHost, basePort, seed, scale, rateHz, SimSecurity.none(), SimLimits.DEFAULT);
  }

  /** {@link #DEFAULT_MODBUS_PORT}, or 0 (free ports) when the PLCs take free ports too. */
  public static int defaultModbusPort(int basePort) {
    return basePort == 0 ? 0 : DEFAULT_MODBUS_PORT;
  }

  public SimOptions withSecurity(SimSecurity security) {
    return new SimOptions(bindHost, basePort, seed, scale, rateHz, security, limits, modbusPort,
        driftSpeed);
  }

  public SimOptions withLimits(SimLimits limits) {
    return new SimOptions(bindHost, basePort, seed, scale, rateHz, security, limits, modbusPort,
        driftSpeed);
  }

  public SimOptions withModbusPort(int modbusPort) {
    return new SimOptions(bindHost, basePort, seed, scale, rateHz, security, limits, modbusPort,
        driftSpeed);
  }

  public SimOptions withDriftSpeed(double driftSpeed) {
    return new SimOptions(bindHost, basePort, seed, scale, rateHz, security, limits, modbusPort,
        driftSpeed);
  }

  /** 127.0.0.1, port 4841 (Modbus 5020), seed 42, no load variables, load rate 1 Hz. */
  public static SimOptions defaults() {
    return new SimOptions("127.0.0.1", DEFAULT_BASE_PORT, 42L, 0, 1.0);
  }

  /** The port the PLC at {@code index} (0 = RHK01, 1 = MX01, 2 = MX02) asks for; 0 = any. */
  int portFor(int index) {
    return basePort == 0 ? 0 : basePort + index;
  }

  /** The port the Modbus device at {@code index} (0 = O2A01, 1 = PM01) asks for; 0 = any. */
  int modbusPortFor(int index) {
    return modbusPort == 0 ? 0 : modbusPort + index;
  }
}
