package io.floorgate.cli;

import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import io.floorgate.sim.SimulatedPlc;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sim}: the simulated Isohara PLCs, one OPC UA server each, until stopped. */
@Command(name = "sim", description = "Serve the simulated Isohara PLCs (kiln RHK01, mixers MX01, MX02) over OPC UA.")
final class SimCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "4841",
      description = "Port of RHK01; MX01 and MX02 take the next two (default ${DEFAULT-VALUE}; 0 = free ports).")
  int port;

  @Option(names = "--scale", defaultValue = "0", description = "Extra load variables RHK01.Load.Vnnnnn (default ${DEFAULT-VALUE}).")
  int scale;

  @Option(names = "--rate", defaultValue = "1.0", description = "Update rate of the load variables in Hz (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the simulated noise (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    UntilSignal lifetime = new UntilSignal();
    SimulatedPlant plant;
    try {
      plant = lifetime.closeOnExit(SimulatedPlant.start(new SimOptions(host, port, seed, scale, rate)));
    } catch (Exception e) {
      spec.commandLine().getErr().println("Simulator not started on " + host + ":" + port + ": "
          + e.getMessage() + " — is another simulator or OPC UA server using the port? Try --port.");
      lifetime.closeAll();
      return 1;
    }
    PrintWriter out = spec.commandLine().getOut();
    for (SimulatedPlc plc : plant.plcs()) {
      out.printf("%-6s %s%n", plc.name(), plc.endpointUrl());
    }
    out.println("Simulated Isohara PLCs running; Ctrl-C to stop.");
    out.flush();
    lifetime.await();
    return 0;
  }
}
