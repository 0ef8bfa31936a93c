package io.floorgate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar floorgate-lab.jar <command>}: the lab around the gateway — the demo (simulated
 * PLCs, an embedded broker and the gateway in one process), the simulated plant alone, and the
 * benchmark. Never deployed: the product is {@code floorgate.jar} ({@link FloorgateCli}).
 *
 * <p>Exit codes: 0 success, 1 invalid configuration or startup failure, 2 usage error.
 */
@Command(
    name = "floorgate-lab",
    mixinStandardHelpOptions = true,
    // Every subcommand takes --help (and --version), even one with required options.
    scope = CommandLine.ScopeType.INHERIT,
    versionProvider = VersionProvider.class,
    description = "Floorgate's lab: the demo, the simulated Isohara plant and the benchmark.",
    subcommands = {
        DemoCommand.class,
        SimCommand.class,
        BenchCommand.class,
        CommandLine.HelpCommand.class
    })
public final class FloorgateLab implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit code; for tests and the entry point. */
  public static int execute(String... args) {
    return new CommandLine(new FloorgateLab()).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
