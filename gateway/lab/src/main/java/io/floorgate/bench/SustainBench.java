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
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Finds each pipe's sustainable rate ({@link RateSearch}, {@link StepFigures}): the simulator runs
 * once for the whole search; each pipe is one measured process and one subscriber that stay up
 * through all its steps, while the simulator's load rate changes from step to step. After each
 * step the load pauses until the pipe has delivered everything (its drain), so that no step
 * inherits the backlog of the one before.
 */
public final class SustainBench {

  /** A pipe not caught up with this long after the load stopped never will (a value lost for good). */
  private static final Duration DRAIN_LIMIT = Duration.ofSeconds(30);
  /** Quiet this long with updates still missing: they were lost, the drain is over. */
  private static final Duration QUIET = Duration.ofSeconds(3);
  private static final Duration FIRST_VALUES_TIMEOUT = Duration.ofSeconds(60);

  private final SearchOptions options;
  private final PrintWriter progress;
  private final Path workDir;

  public SustainBench(SearchOptions options, PrintWriter progress) throws IOException {
    this.options = options;
    this.progress = progress;
    this.workDir = Files.createTempDirectory("floorgate-bench-");
  }

  /** Searches every pipe, in the order of {@link SearchOptions#pipes()}. */
  public List<SustainResult> run() throws Exception {
    List<SustainResult> results = new ArrayList<>();
    // Started at the fastest rate, so that the servers grant the sampling interval every rate
    // needs, and paused at once until a pipe is ready.
    try (SimulatedPlant plant = SimulatedPlant.start(
            new SimOptions("127.0.0.1", 0, 42, options.tags(), SimOptions.MAX_RATE_HZ));
        BrokerHandle broker = BrokerHandle.open(options.broker())) {
      plant.loadRate(0);
      String endpoint = plant.plc("RHK01").endpointUrl();
      progress.printf(Locale.ROOT, "bench: sustainable rates over %d tags, QoS %d, steps of %d s + %d s, "
          + "broker %s%s%n", options.tags(), options.qos(), options.warmup().toSeconds(),
          options.measure().toSeconds(), broker.describe(), "");
      progress.flush();
      for (String pipe : options.pipes()) {
        results.add(search(plant, endpoint, broker.url(), pipe));
      }
    }
    return results;
  }

  private SustainResult search(SimulatedPlant plant, String endpoint, String brokerUrl, String pipe)
      throws Exception {
    String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    String format = pipe.equals(SearchOptions.BASELINE) ? "uns" : pipe;
    RateSearch search = new RateSearch(options.startFor(pipe), options.minRate(), options.maxRate(),
        SearchOptions.RESOLUTION, options.steps());
    try (CountingSubscriber subscriber = CountingSubscriber.start(brokerUrl, Bench.filters(format, prefix),
            options.tags(), format.equals("sparkplug"), BenchConfig.LOAD_PATH);
        MeasuredProcess child = startChild(pipe, format, endpoint, brokerUrl, prefix)) {
      // Loaded before the wait: Sparkplug's DBIRTH is not counted, only DDATA.
      plant.loadRate(search.next().orElseThrow() / options.tags());
      awaitEveryVariable(subscriber, pipe);
      Bench.pause(options.firstWarmup());
      drain(plant, subscriber);
      for (OptionalDouble next; (next = search.next()).isPresent(); ) {
        StepFigures step = step(plant, subscriber, child, next.getAsDouble());
        search.record(step);
        progress.printf(Locale.ROOT, "bench: %s: %,.0f values/s offered, %,.0f delivered, p99 %.0f ms: %s%n",
            pipe, step.offeredPerSec(), step.deliveredPerSec(), step.p99Ms(),
            step.carried() ? "carried" : "not carried (" + step.why() + ")");
        progress.flush();
      }
    }
    return new SustainResult(pipe, search.sustainable(), search.best(), search.steps());
  }

  private MeasuredProcess startChild(String pipe, String format, String endpoint, String brokerUrl,
      String prefix) throws IOException {
    List<String> args;
    if (pipe.equals(SearchOptions.BASELINE)) {
      args = List.of("baseline", endpoint, brokerUrl, BenchConfig.topicRoot(prefix),
          Integer.toString(options.tags()), Double.toString(SearchOptions.MAX_HZ),
          Integer.toString(options.qos()), Integer.toString(options.connections()));
    } else {
      Path config = workDir.resolve("floorgate-" + pipe + ".yaml");
      Files.writeString(config, BenchConfig.yaml(options.gatewayOptions(format), endpoint, brokerUrl,
          prefix, workDir.resolve("buffer-" + prefix), options.connections()));
      args = List.of("gateway", config.toString());
    }
    return MeasuredProcess.start(Bench.jvmOptions(options.heapMax(), options.profile(), workDir, pipe,
        progress), args, workDir.resolve(pipe + ".log"));
  }

  /** One step: the load at {@code rate}, its warm-up and window, then its drain. */
  private StepFigures step(SimulatedPlant plant, CountingSubscriber subscriber, MeasuredProcess child,
      double rate) throws IOException {
    long lostBefore = subscriber.loss().missing();
    plant.loadRate(rate / options.tags());
    Bench.pause(options.warmup());

    subscriber.startRecording();
    MeasuredProcess.Stats before = child.stats();
    long updates0 = plant.loadUpdates();
    long backlog0 = backlog(plant, subscriber);
    long messages0 = subscriber.messages();
    long t0 = System.nanoTime();
    Bench.pause(options.measure());
    long messages1 = subscriber.messages();
    long backlog1 = backlog(plant, subscriber);
    long updates1 = plant.loadUpdates();
    long t1 = System.nanoTime();
    MeasuredProcess.Stats after = child.stats();
    Histogram latency = subscriber.latencyMicros();

    double drainMs = drain(plant, subscriber);
    double seconds = (t1 - t0) / 1e9;
    return new StepFigures(rate, (updates1 - updates0) * options.tags(), messages1 - messages0,
        seconds, subscriber.loss().missing() - lostBefore,
        latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
        backlog1 - backlog0, drainMs, (after.cpuNanos() - before.cpuNanos()) / 1e9 / seconds,
        after.rssBytes() / 1048576.0);
  }

  /** Updates offered that the subscriber has not seen yet, over all variables. */
  private long backlog(SimulatedPlant plant, CountingSubscriber subscriber) {
    return plant.loadUpdates() * options.tags() - subscriber.newestUpdatesSum();
  }

  /**
   * Pauses the load and waits until the subscriber has every update, or is quiet with some
   * missing (lost), or {@link #DRAIN_LIMIT} passes.
   *
   * @return milliseconds until it had every update, or -1 when it never had
   */
  private double drain(SimulatedPlant plant, CountingSubscriber subscriber) {
    plant.loadRate(0);
    long stopped = System.nanoTime();
    long deadline = stopped + DRAIN_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (backlog(plant, subscriber) <= 0) {
        return (System.nanoTime() - stopped) / 1e6;
      }
      if (subscriber.nanosSinceLastMessage() > QUIET.toNanos()) {
        return -1;
      }
      LockSupport.parkNanos(5_000_000);
    }
    return -1;
  }

  private void awaitEveryVariable(CountingSubscriber subscriber, String pipe) throws IOException {
    long deadline = System.nanoTime() + FIRST_VALUES_TIMEOUT.toNanos();
    while (subscriber.variablesSeen() < options.tags()) {
      if (System.nanoTime() > deadline) {
        throw new IOException(pipe + ": only " + subscriber.variablesSeen() + " of " + options.tags()
            + " variables reached the subscriber within " + FIRST_VALUES_TIMEOUT.toSeconds()
            + " s; see the log in " + workDir);
      }
      LockSupport.parkNanos(10_000_000);
    }
  }
}
