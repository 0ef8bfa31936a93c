package io.floorgate.bench;

import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * Runs one bench: the simulator with the load variables, a broker, then for each pipe (Floorgate,
 * then the baseline) a measured child process and a counting subscriber.
 */
public final class Bench {

  /** How long the subscriber must be quiet before the run counts as drained. */
  private static final Duration QUIET = Duration.ofSeconds(2);
  private static final Duration FIRST_VALUE_TIMEOUT = Duration.ofSeconds(60);

  private final BenchOptions options;
  private final PrintWriter progress;
  private final Path workDir;
  private final int connections;
  private final List<String> extraJvm;

  public Bench(BenchOptions options, PrintWriter progress) throws IOException {
    this(options, progress, 1);
  }

  /** With {@code connections} telemetry connections ({@code mqtt.connections}) in the gateway. */
  public Bench(BenchOptions options, PrintWriter progress, int connections) throws IOException {
    this(options, progress, connections, List.of());
  }

  /**
   * The same with further JVM options for the measured processes ({@code --jvm-opt}), after the
   * bench's own: a collector given there replaces the bench's {@code -XX:+UseSerialGC}.
   */
  public Bench(BenchOptions options, PrintWriter progress, int connections, List<String> extraJvm)
      throws IOException {
    if (connections < 1 || connections > 16) {
      throw new IllegalArgumentException("--connections must be 1–16, got " + connections);
    }
    this.options = options;
    this.progress = progress;
    this.workDir = Files.createTempDirectory("floorgate-bench-");
    this.connections = connections;
    this.extraJvm = List.copyOf(extraJvm);
  }

  /** Runs every pipe and returns their results, Floorgate first. */
  public List<BenchResult> run() throws Exception {
    List<BenchResult> results = new ArrayList<>();
    try (SimulatedPlant plant = SimulatedPlant.start(
            new SimOptions("127.0.0.1", 0, 42, options.tags(), options.rateHz()));
        BrokerHandle broker = BrokerHandle.open(options.broker())) {
      String endpoint = plant.plc("RHK01").endpointUrl();
      progress.printf("bench: %s, broker %s%s%n", BenchReports.title(options), broker.describe(),
          "");
      progress.flush();
      results.add(measure("floorgate", broker.url(), options.format(), options.alarmProbe(),
          prefix -> {
            Path config = workDir.resolve("floorgate-bench.yaml");
            Files.writeString(config, BenchConfig.yaml(options, endpoint, broker.url(), prefix,
                workDir.resolve("buffer-" + prefix), connections));
            return List.of("gateway", config.toString());
          }));
      if (options.baseline()) {
        // One message per value whatever the format: the libraries' per-message ceiling.
        results.add(measure("baseline", broker.url(), "uns", false, prefix -> List.of("baseline",
            endpoint, broker.url(), BenchConfig.topicRoot(prefix), Integer.toString(options.tags()),
            Double.toString(options.rateHz()), Integer.toString(options.qos()),
            Integer.toString(connections))));
      }
    }
    return results;
  }

  /** The child's arguments for a topic prefix. */
  private interface Launch {
    List<String> args(String prefix) throws IOException;
  }

  private BenchResult measure(String pipe, String brokerUrl, String format, boolean alarmProbe,
      Launch launch) throws Exception {
    String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    progress.printf("bench: %s: warming up %d s, measuring %d s%n", pipe,
        options.warmup().toSeconds(), options.measure().toSeconds());
    progress.flush();
    try (CountingSubscriber subscriber = CountingSubscriber.start(brokerUrl, filters(format, prefix),
            options.tags(), format.equals("sparkplug"), BenchConfig.LOAD_PATH);
        @Nullable AlarmProbeSubscriber probe = alarmProbe
            ? AlarmProbeSubscriber.start(brokerUrl, BenchConfig.probeEventsFilter(prefix)) : null) {
      // The JVM's default starting heap (1/64 of RAM) for throughput; the resident set a site sees
      // with deploy/floorgate-java's memory options is measured apart (docs/explanation/performance-and-memory.md, "Memory and start-up").
      List<String> jvm = withExtra(jvmOptions(options.heapMax(), options.profile(), workDir, pipe,
          progress), extraJvm);
      MeasuredProcess child = MeasuredProcess.start(jvm, launch.args(prefix), workDir.resolve(pipe + ".log"));
      @Nullable ConsoleStream console = null;
      if (alarmProbe) {
        int port = child.alarmLane().apiPort();
        console = port < 0 ? null : ConsoleStream.open(port);
      }
      double firstValueMs = awaitFirstValue(subscriber, child);
      pause(options.warmup());

      subscriber.startRecording();
      @Nullable StageHistograms stagesBefore = null;
      if (probe != null) {
        probe.startRecording();
        stagesBefore = child.alarmLane().stages();
      }
      MeasuredProcess.Stats before = child.stats();
      long messagesBefore = subscriber.messages();
      long t0 = System.nanoTime();
      pause(options.measure());
      long messagesAfter = subscriber.messages();
      long t1 = System.nanoTime();
      @Nullable AlarmProbeResult alarms = probe == null ? null : probe.result();
      if (alarms != null && stagesBefore != null) {
        alarms = alarms.withStages(child.alarmLane().stages().since(stagesBefore));
      }
      if (console != null) {
        console.close();
      }
      MeasuredProcess.Stats after = child.stats();
      Histogram latency = subscriber.latencyMicros();
      MeasuredProcess.Final last = child.finalFigures();
      child.close();
      awaitQuiet(subscriber);

      double seconds = (t1 - t0) / 1e9;
      CountingSubscriber.Loss loss = subscriber.loss();
      return new BenchResult(pipe, options.offeredPerSecond(),
          (messagesAfter - messagesBefore) / seconds, loss.received(), loss.missing(),
          loss.outOfOrder(), loss.unparsable(),
          latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
          latency.getValueAtPercentile(99.9) / 1000.0, latency.getMaxValue() / 1000.0,
          firstValueMs, (after.cpuNanos() - before.cpuNanos()) / 1e9 / seconds,
          after.rssBytes() / 1048576.0, last.heapBytes() / 1048576.0, last.gcCount(), last.gcMillis(),
          alarms);
    }
  }

  /**
   * The measured process's JVM options: the JVM's default starting heap (1/64 of RAM) for
   * throughput; the resident set a site sees with deploy/floorgate-java's memory options is
   * measured apart (docs/explanation/performance-and-memory.md, "Memory and start-up").
   */
  static List<String> jvmOptions(String heapMax, boolean profile, Path workDir, String pipe,
      PrintWriter progress) {
    List<String> jvm = new ArrayList<>(List.of("-Xmx" + heapMax, "-XX:+UseSerialGC"));
    if (profile) {
      Path recording = workDir.resolve(pipe + ".jfr");
      jvm.add("-XX:StartFlightRecording=filename=" + recording + ",settings=profile");
      progress.printf("bench: %s: flight recording to %s%n", pipe, recording);
    }
    return jvm;
  }

  /**
   * {@code jvm} followed by {@code extra}; a collector in {@code extra} ({@code -XX:+Use…GC})
   * replaces the ones in {@code jvm}, which the JVM would refuse beside it.
   */
  static List<String> withExtra(List<String> jvm, List<String> extra) {
    boolean collector = extra.stream().anyMatch(Bench::selectsCollector);
    List<String> all = new ArrayList<>();
    for (String option : jvm) {
      if (!(collector && selectsCollector(option))) {
        all.add(option);
      }
    }
    all.addAll(extra);
    return all;
  }

  private static boolean selectsCollector(String option) {
    return option.startsWith("-XX:+Use") && option.endsWith("GC");
  }

  /** What the counting subscriber subscribes to: where the format puts the load values. */
  static List<String> filters(String format, String prefix) {
    return switch (format) {
      case "sparkplug" -> List.of("spBv1.0/" + prefix + "/#");
      // Both: batches, and any value published alone (a batched gateway sends none; if it did,
      // it would be counted, not lost).
      case "uns-batched" -> List.of(BenchConfig.topicRoot(prefix) + "/+", BenchConfig.batchFilter(prefix));
      default -> List.of(BenchConfig.topicRoot(prefix) + "/+");
    };
  }

  private static double awaitFirstValue(CountingSubscriber subscriber, MeasuredProcess child)
      throws IOException {
    long deadline = System.nanoTime() + FIRST_VALUE_TIMEOUT.toNanos();
    while (subscriber.messages() == 0) {
      if (System.nanoTime() > deadline) {
        throw new IOException("no value reached the subscriber within " + FIRST_VALUE_TIMEOUT.toSeconds()
            + " s; see the log in the bench's temporary directory");
      }
      LockSupport.parkNanos(1_000_000);
    }
    return (System.nanoTime() - child.startedNanos()) / 1e6;
  }

  private static void awaitQuiet(CountingSubscriber subscriber) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (subscriber.nanosSinceLastMessage() < QUIET.toNanos() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(50_000_000);
    }
  }

  /** The bench measures over wall-clock windows: waiting here is the measurement, not a race. */
  static void pause(Duration d) {
    long end = System.nanoTime() + d.toNanos();
    for (long left; (left = end - System.nanoTime()) > 0; ) {
      LockSupport.parkNanos(left);
    }
  }
}
