package io.floorgate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar floorgate.jar <command>}: the plant-floor telemetry gateway, the product: run,
 * check, browse, import-tags, trust. The demo, the simulator and the bench are the lab's
 * ({@code floorgate-lab.jar}).
 *
 * <p>Exit codes: 0 success, 1 invalid configuration or startup failure, 2 usage error.
 */
@Command(
    name = "floorgate",
    mixinStandardHelpOptions = true,
    // Every subcommand takes --help (and --version), even one with required options.
    scope = CommandLine.ScopeType.INHERIT,
    versionProvider = VersionProvider.class,
    description = "Plant-floor telemetry gateway: OPC UA PLCs in, MQTT Unified Namespace out.",
    subcommands = {
        RunCommand.class,
        CheckCommand.class,
        BrowseCommand.class,
        ImportTagsCommand.class,
        TrustCommand.class,
        CommandLine.HelpCommand.class
    })
public final class FloorgateCli implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit code; for tests and the entry point. */
  public static int execute(String... args) {
    return new CommandLine(new FloorgateCli()).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
