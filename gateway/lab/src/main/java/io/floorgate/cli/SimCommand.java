package io.floorgate.cli;

import io.floorgate.api.ListenFailure;
import io.floorgate.sim.ModbusDevice;
import io.floorgate.sim.SimLimits;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimSecurity;
import io.floorgate.sim.SimulatedPlant;
import io.floorgate.sim.SimulatedPlc;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sim}: the simulated Isohara PLCs, one OPC UA server each, and the kiln's two Modbus TCP
 * devices, until stopped.
 */
@Command(name = "sim", description = "Serve the simulated Isohara PLCs (kiln RHK01, mixers MX01, MX02) over OPC UA "
    + "and the kiln's O2 analyzer O2A01 and heater power meter PM01 over Modbus TCP.")
final class SimCommand implements Callable<Integer> {

  /** The same variables, and defaults, as config/isohara.yaml's security section. */
  static final String USER_VARIABLE = "FLOORGATE_PLC_USER";
  static final String PASSWORD_VARIABLE = "FLOORGATE_PLC_PASSWORD";
  static final String DEFAULT_USER = "floorgate";
  static final String DEFAULT_PASSWORD = "isohara-sim";
  /** RHK01, MX01, MX02 on --port and the next two. */
  private static final int PLC_COUNT = 3;
  /** O2A01 and PM01 on --modbus-port and the next. */
  private static final int MODBUS_COUNT = 2;

  @Spec CommandSpec spec;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "4841",
      description = "Port of RHK01; MX01 and MX02 take the next two (default ${DEFAULT-VALUE}; 0 = free ports).")
  int port;

  @Option(names = "--modbus-port", paramLabel = "PORT",
      description = "Port of the O2 analyzer O2A01; the power meter PM01 takes the next "
          + "(default 5020, or free ports with --port 0; 0 = free ports).")
  @Nullable Integer modbusPort;

  @Option(names = "--scale", defaultValue = "0", description = "Extra load variables RHK01.Load.Vnnnnn (default ${DEFAULT-VALUE}).")
  int scale;

  @Option(names = "--rate", defaultValue = "1.0", description = "Update rate of the load variables in Hz (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the simulated noise (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--drift-speed", defaultValue = "1", paramLabel = "FACTOR",
      description = "How many times faster than real time the plant wears (zone 05's thermocouple B "
          + "drifts 0.5 °C per hour, MX01's motor current creeps up 0.25 A per day): default "
          + "${DEFAULT-VALUE} (real time), 0 stops the wear, 36000 shows weeks in a minute.")
  double driftSpeed;

  @Option(names = "--no-security",
      description = "Offer one endpoint with security None and anonymous access instead of the signed ones.")
  boolean noSecurity;

  @Option(names = "--pki", defaultValue = "sim-pki", paramLabel = "DIR",
      description = "Where the PLCs keep their certificates and trust lists (default ${DEFAULT-VALUE}).")
  Path pki;

  @Option(names = "--trusted-clients-only",
      description = "Check client certificates against each PLC's trust list (DIR/<plc>/trusted/certs) "
          + "instead of accepting every client, as the simulator does by default.")
  boolean trustedClientsOnly;

  @Option(names = "--max-per-call", defaultValue = "0", paramLabel = "N",
      description = "Operation limit: at most N nodes per Read and N monitored items per call (0 = Milo's 10000).")
  int maxPerCall;

  @Option(names = "--unpublished-limits",
      description = "Enforce --max-per-call without publishing it in the server's OperationLimits.")
  boolean unpublishedLimits;

  @Override
  public Integer call() throws Exception {
    UntilSignal lifetime = new UntilSignal();
    SimulatedPlant plant;
    try {
      Map<String, String> env = System.getenv();
      String user = nonEmpty(env.get(USER_VARIABLE), DEFAULT_USER);
      String password = nonEmpty(env.get(PASSWORD_VARIABLE), DEFAULT_PASSWORD);
      SimSecurity security = noSecurity ? SimSecurity.none()
          : SimSecurity.secured(user, password).withPki(pki, !trustedClientsOnly);
      SimLimits limits = maxPerCall > 0 ? new SimLimits(maxPerCall, maxPerCall, !unpublishedLimits)
          : SimLimits.DEFAULT;
      int modbus = modbusPort != null ? modbusPort : SimOptions.defaultModbusPort(port);
      // Checked first: Milo would try every endpoint on a taken port, each failure with a trace.
      requireFree(port, PLC_COUNT, "--port");
      requireFree(modbus, MODBUS_COUNT, "--modbus-port");
      plant = lifetime.closeOnExit(SimulatedPlant.start(
          new SimOptions(host, port, seed, scale, rate, security, limits, modbus, driftSpeed)));
    } catch (IllegalArgumentException | IllegalStateException e) {
      // An option out of range or a port taken: the message says which and what to use.
      spec.commandLine().getErr().println("Simulator not started: " + e.getMessage());
      lifetime.closeAll();
      return 1;
    } catch (Exception e) {
      spec.commandLine().getErr().println("Simulator not started on " + host + ": " + e);
      lifetime.closeAll();
      return 1;
    }
    PrintWriter out = spec.commandLine().getOut();
    for (SimulatedPlc plc : plant.plcs()) {
      out.printf("%-6s %s%n", plc.name(), plc.endpointUrl());
    }
    for (ModbusDevice device : plant.modbusDevices()) {
      out.printf("%-6s %s (unit id %d)%n", device.name(), device.endpointUrl(), device.unitId());
    }
    if (!noSecurity) {
      out.printf("Security: Basic256Sha256 (and the other signed policies), Sign or SignAndEncrypt; "
          + "user '%s' (from %s, password from %s); certificates in %s; %s%n",
          nonEmpty(System.getenv(USER_VARIABLE), DEFAULT_USER), USER_VARIABLE, PASSWORD_VARIABLE,
          pki, trustedClientsOnly ? "clients must be in <plc>/trusted/certs"
              : "every client certificate is accepted (demo mode)");
    }
    out.println("Simulated Isohara PLCs and Modbus devices running; Ctrl-C to stop.");
    out.flush();
    lifetime.await();
    return 0;
  }

  /** The ports {@code first} and the {@code count - 1} next, unless they take free ones (0). */
  private void requireFree(int first, int count, String option) {
    for (int i = 0; first != 0 && i < count; i++) {
      ListenFailure.check(host, first + i, "--host", option);
    }
  }

  private static String nonEmpty(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }
}
