package io.floorgate.cli;

import io.floorgate.bench.Bench;
import io.floorgate.bench.BenchOptions;
import io.floorgate.bench.BenchReports;
import io.floorgate.bench.BenchResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench}: how many values per second this box carries end to end, against the bare pipe. */
@Command(name = "bench", description = {
    "Measure this box: simulated load → gateway (own process) → broker → subscriber, then the same "
        + "load through a minimal baseline pipe (Milo subscription → Paho publish) for the ratio.",
    "Prints a table headed by what ran; --json writes the same figures."})
final class BenchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--tags", defaultValue = "5000", description = "Load variables (default ${DEFAULT-VALUE}).")
  int tags;

  @Option(names = "--rate", defaultValue = "10", description = "Updates per second of each (default ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--acquisition", defaultValue = "subscription",
      description = "subscription or polling (default ${DEFAULT-VALUE}).")
  String acquisition;

  @Option(names = "--format", defaultValue = "uns", paramLabel = "uns|uns-batched|sparkplug",
      description = "uns: JSON, one message per value (default); uns-batched: JSON messages of up "
          + "to 500 values on <prefix>/jxnmm/isohara/_batch/rhk01 (uns.form: batched); sparkplug: "
          + "DDATA. The baseline pipe always sends one message per value.")
  String format;

  @Option(names = "--qos", defaultValue = "1", description = "Telemetry QoS, 0 or 1 (default ${DEFAULT-VALUE}).")
  int qos;

  @Option(names = "--broker", paramLabel = "URL|embedded|auto", defaultValue = "auto",
      description = "A broker URL, 'embedded', or 'auto' (default): the local Mosquitto on "
          + "127.0.0.1:1883 when it answers, else the embedded broker.")
  String broker;

  @Option(names = "--warmup", defaultValue = "5", description = "Seconds before measuring (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--seconds", defaultValue = "12", description = "Seconds measured per pipe (default ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--no-baseline", description = "Skip the baseline pipe.")
  boolean noBaseline;

  @Option(names = "--heap", defaultValue = "512m", description = "-Xmx of the measured process (default ${DEFAULT-VALUE}).")
  String heap;

  @Option(names = "--profile", description = "Record a JFR profile of each measured process.")
  boolean profile;

  @Option(names = "--no-buffer", description = "Store-and-forward off (buffer.enabled: false): "
      + "the gateway queues in memory only. The table's title says which mode ran.")
  boolean noBuffer;

  @Option(names = "--alarm-probe", description = "Also time alarms under the load: two rules on "
      + "the simulator's RHK01.Load.Probe, which flips every 500 ms, so that every flip raises an "
      + "alarm; adds a line with the events received and the latency of each RAISE from the PLC's "
      + "source time to a subscriber of the alarm topics.")
  boolean alarmProbe;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
  @Nullable Path json;

  @Override
  public Integer call() throws Exception {
    BenchOptions options;
    try {
      options = new BenchOptions(tags, rate, acquisition, format, qos, broker, Duration.ofSeconds(warmup),
          Duration.ofSeconds(seconds), !noBaseline, heap, profile, !noBuffer, alarmProbe);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 2;
    }
    List<BenchResult> results = new Bench(options, spec.commandLine().getErr()).run();
    BenchReports.table(options, results, spec.commandLine().getOut());
    if (json != null) {
      BenchReports.json(options, results, json);
    }
    return 0;
  }
}
