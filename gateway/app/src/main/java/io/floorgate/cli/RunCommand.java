package io.floorgate.cli;

import io.floorgate.Floorgate;
import io.floorgate.ops.ConfigWatcher;
import java.io.IOException;
import io.floorgate.config.GatewayConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code run --config FILE}: the service. Refuses an invalid config; runs until SIGTERM. */
@Command(name = "run", description = "Run the gateway with a configuration file until stopped (Ctrl-C / SIGTERM).")
final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The YAML configuration.")
  Path config;

  @Override
  public Integer call() {
    GatewayConfig loaded = ConfigFiles.load(config, System.getenv(), spec.commandLine().getErr());
    if (loaded == null) {
      spec.commandLine().getErr().println("Not started: fix the errors above (floorgate check --config "
          + config + " lists them again).");
      return 1;
    }
    UntilSignal lifetime = new UntilSignal();
    Floorgate gateway;
    try {
      // Closes what it started before it throws: nothing is left open or half-running.
      gateway = Floorgate.start(loaded);
    } catch (Exception e) {
      spec.commandLine().getErr().println("Not started: " + e.getMessage());
      return 1;
    }
    try {
      lifetime.closeOnExit(gateway);
      lifetime.closeOnExit(new ConfigWatcher(config, System.getenv(), gateway::reload,
          gateway.operations()).start(true));
    } catch (IOException e) {
      gateway.close();
      spec.commandLine().getErr().println("Not started: the config file " + config
          + " cannot be watched for changes (" + e + "); check that its directory is readable");
      return 1;
    }
    lifetime.await();
    return 0;
  }
}
