package io.floorgate.cli;

import io.floorgate.config.GatewayConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code check --config FILE}: validates a configuration and lists every error with its line. */
@Command(name = "check", description = "Validate a configuration file; print every error with its line. Exit 1 if any.")
final class CheckCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The YAML configuration.")
  Path config;

  @Override
  public Integer call() {
    GatewayConfig loaded = ConfigFiles.load(config, System.getenv(), spec.commandLine().getErr());
    if (loaded == null) {
      return 1;
    }
    long tags = loaded.connections().stream().flatMap(c -> c.groups().stream())
        .mapToLong(g -> g.tags().size()).sum();
    spec.commandLine().getOut().printf("%s: OK — %d PLC connection(s), %d tags, broker %s%n",
        config, loaded.connections().size(), tags, loaded.mqtt().url());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
