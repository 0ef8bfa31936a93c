package io.floorgate.cli;

import io.floorgate.Floorgate;
import io.floorgate.config.GatewayConfig;
import io.floorgate.ops.ConfigWatcher;
import io.floorgate.ops.WorkerWatch;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code run --config FILE}: the service. Refuses an invalid config; runs until SIGTERM. When any
 * part cannot start, what was started is closed and it ends with one line and exit code 1, so
 * that systemd's {@code Restart=} or Kubernetes acts instead of a half-started process lingering.
 */
@Command(name = "run", description = "Run the gateway with a configuration file until stopped (Ctrl-C / SIGTERM).")
final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The YAML configuration.")
  Path config;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    GatewayConfig loaded = ConfigFiles.load(config, System.getenv(), err);
    if (loaded == null && !Files.isRegularFile(config)) {
      return 1; // the one line above says which file was expected
    }
    if (loaded == null) {
      return notStarted(err, "fix the errors above (floorgate check --config " + config
          + " lists them again)");
    }
    // A worker thread that dies ends the process, for systemd or Kubernetes to restart it.
    WorkerWatch.process().onDeath(System::exit);
    UntilSignal lifetime = new UntilSignal();
    Floorgate gateway;
    try {
      // Closes what it started before it throws: nothing is left open or half-running.
      gateway = lifetime.closeOnExit(Floorgate.start(loaded));
    } catch (Exception e) {
      // Undeclared checked exceptions (Netty, Milo) included: every failure ends the start.
      return notStarted(err, e.getMessage() != null ? e.getMessage() : e.toString());
    }
    // Kept apart from the start above: Netty throws its checked BindException undeclared, and a
    // shared catch (IOException) once reported a taken API port as an unwatchable config file.
    try {
      lifetime.closeOnExit(new ConfigWatcher(config, System.getenv(), gateway::reload,
          gateway.operations()).start(true));
    } catch (Exception e) {
      lifetime.closeAll();
      return notStarted(err, "the config file " + config + " cannot be watched for changes ("
          + e.getMessage() + "): check that its directory is readable, or raise the inotify "
          + "limit (sysctl fs.inotify.max_user_instances)");
    }
    lifetime.await();
    return 0;
  }

  private static int notStarted(PrintWriter err, String why) {
    err.println("Not started: " + why);
    err.flush();
    return 1;
  }
}
