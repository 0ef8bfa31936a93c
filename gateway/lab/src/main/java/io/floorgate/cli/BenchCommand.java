package io.floorgate.cli;

import io.floorgate.bench.Bench;
import io.floorgate.bench.BenchOptions;
import io.floorgate.bench.BenchReports;
import io.floorgate.bench.BenchResult;
import io.floorgate.bench.SearchOptions;
import io.floorgate.bench.SustainBench;
import io.floorgate.bench.SustainReports;
import io.floorgate.bench.SustainResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: how many values per second this box carries sustainably in each form, against the
 * bare pipe; with {@code --fixed} (or {@code --rate}, {@code --alarm-probe}), the figures of one
 * fixed load.
 */
@Command(name = "bench", description = {
    "Measure this box: simulated load → gateway (own process) → broker → subscriber, and the same "
        + "load through a minimal baseline pipe (Milo subscription → Paho publish) for the ratio.",
    "By default, finds for each pipe (UNS per tag, UNS batched, Sparkplug, baseline) the highest "
        + "offered rate it carries with zero loss, p99 ≤ 1 s and no backlog growth, and prints one "
        + "table (about 3 minutes). --fixed (implied by --rate or --alarm-probe) measures one fixed "
        + "load instead; --json writes the same figures."})
final class BenchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--fixed", description = "Fixed-rate mode: --tags × --rate for --seconds, the "
      + "latency, memory and GC figures of that load.")
  boolean fixed;

  @Option(names = "--quick", description = "Search: one step per pipe, at its first rate.")
  boolean quick;

  @Option(names = "--steps", defaultValue = "4",
      description = "Search: steps per pipe at most (default ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--start", paramLabel = "VALUES_PER_S",
      description = "Search: the first rate of every pipe (default: each pipe's own, near what it "
          + "sustains on a 2-core box).")
  @Nullable Double start;

  @Option(names = "--connections", defaultValue = "1",
      description = "The gateway's mqtt.connections, 1–16, and the baseline's connections "
          + "(default ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--tags", description = "Load variables (default 2000 in the search, 5000 fixed).")
  @Nullable Integer tags;

  @Option(names = "--rate", description = "Fixed: updates per second of each (default 10; implies --fixed).")
  @Nullable Double rate;

  @Option(names = "--acquisition", defaultValue = "subscription",
      description = "Fixed: subscription or polling (default ${DEFAULT-VALUE}).")
  String acquisition;

  @Option(names = "--format", paramLabel = "uns|uns-batched|sparkplug",
      description = "uns: JSON, one message per value (fixed mode's default); uns-batched: JSON "
          + "messages of up to 500 values on <prefix>/jxnmm/isohara/_batch/rhk01 (uns.form: "
          + "batched); sparkplug: DDATA. The search runs every format unless one is given. The "
          + "baseline pipe always sends one message per value.")
  @Nullable String format;

  @Option(names = "--qos", defaultValue = "1",
      description = "Telemetry QoS, 0 or 1, the baseline's too (default ${DEFAULT-VALUE}).")
  int qos;

  @Option(names = "--broker", paramLabel = "URL|mosquitto|embedded|auto", defaultValue = "auto",
      description = "A broker URL, 'mosquitto' (one of the bench's own, /usr/sbin/mosquitto on a "
          + "free port), 'embedded', or 'auto' (default): the bench's own Mosquitto when it is "
          + "installed, else the local one on 127.0.0.1:1883 when it answers, else the embedded broker.")
  String broker;

  @Option(names = "--warmup", description = "Seconds before measuring (default 2 per search step, 5 fixed).")
  @Nullable Integer warmup;

  @Option(names = "--seconds", description = "Seconds measured (default 6 per search step, 12 per pipe fixed).")
  @Nullable Integer seconds;

  @Option(names = "--no-baseline", description = "Skip the baseline pipe.")
  boolean noBaseline;

  @Option(names = "--heap", defaultValue = "512m", description = "-Xmx of the measured process (default ${DEFAULT-VALUE}).")
  String heap;

  @Option(names = "--profile", description = "Record a JFR profile of each measured process.")
  boolean profile;

  @Option(names = "--no-buffer", description = "Store-and-forward off (buffer.enabled: false): "
      + "the gateway queues in memory only. The table's title says which mode ran.")
  boolean noBuffer;

  @Option(names = "--alarm-probe", description = "Fixed (implies --fixed): also time alarms under "
      + "the load: two rules on the simulator's RHK01.Load.Probe, which flips every 500 ms, so that "
      + "every flip raises an alarm; adds a line with the events received and the latency of each "
      + "RAISE from the PLC's source time to a subscriber of the alarm topics, and the gateway's "
      + "own times of the same RAISEs from the driver's hand-over to the WebSocket frame written "
      + "(the bench keeps a console on the alarm stream), to the alarm MQTT PUBLISH and to its "
      + "PUBACK (p50/p99/p99.9/max).")
  boolean alarmProbe;

  @Option(names = "--jvm-opt", paramLabel = "OPT", description = "Fixed: a further JVM option of "
      + "the measured processes, after the bench's -Xmx and -XX:+UseSerialGC (repeat it for more); "
      + "a collector given here (-XX:+UseZGC) replaces SerialGC.")
  List<String> jvmOpts = new java.util.ArrayList<>();

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
  @Nullable Path json;

  @Override
  public Integer call() throws Exception {
    try {
      return fixed || rate != null || alarmProbe ? fixedRate() : search();
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 2;
    }
  }

  private int search() throws Exception {
    SearchOptions options = new SearchOptions(tags == null ? 2000 : tags,
        format == null ? List.of("uns", "uns-batched", "sparkplug") : List.of(format), !noBaseline,
        qos, broker, heap, profile, !noBuffer, connections, Duration.ofSeconds(4),
        Duration.ofSeconds(warmup == null ? 2 : warmup), Duration.ofSeconds(seconds == null ? 6 : seconds),
        quick ? 1 : steps, start);
    List<SustainResult> results = new SustainBench(options, spec.commandLine().getErr()).run();
    SustainReports.table(options, results, spec.commandLine().getOut());
    if (json != null) {
      SustainReports.json(options, results, json);
    }
    return 0;
  }

  private int fixedRate() throws Exception {
    BenchOptions options = new BenchOptions(tags == null ? 5000 : tags, rate == null ? 10 : rate,
        acquisition, format == null ? "uns" : format, qos, broker,
        Duration.ofSeconds(warmup == null ? 5 : warmup), Duration.ofSeconds(seconds == null ? 12 : seconds),
        !noBaseline, heap, profile, !noBuffer, alarmProbe);
    List<BenchResult> results = new Bench(options, spec.commandLine().getErr(), connections, jvmOpts)
        .run();
    BenchReports.table(options, results, spec.commandLine().getOut());
    if (json != null) {
      BenchReports.json(options, results, json);
    }
    return 0;
  }
}
