package io.floorgate.cli;

import io.floorgate.config.GatewayConfig;
import io.floorgate.ops.HeapBudget;
import java.io.PrintWriter;
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

  @Option(names = "--heap", description = "Print only the maximum heap the configuration needs, "
      + "in the JVM's form (e.g. 272m); floorgate-java sizes the heap with it.")
  boolean heapOnly;

  @Override
  public Integer call() {
    GatewayConfig loaded = ConfigFiles.load(config, System.getenv(), spec.commandLine().getErr());
    if (loaded == null) {
      return 1;
    }
    PrintWriter out = spec.commandLine().getOut();
    HeapBudget heap = HeapBudget.of(loaded);
    if (heapOnly) {
      out.println(heap.launcherValue());
    } else {
      out.printf("%s: OK — %d PLC connection(s), %d tags, broker %s%n",
          config, loaded.connections().size(), loaded.tagCount(), loaded.mqtt().url());
      out.printf("heap: %s for %d tags%s (floorgate-java gives the JVM this unless "
              + "FLOORGATE_HEAP_MAX is set)%n", heap.launcherValue(), heap.tags(),
          heap.sparkplug() ? " with the Sparkplug node" : "");
    }
    out.flush();
    return 0;
  }
}
