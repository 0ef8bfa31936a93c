package io.floorgate.bench;

import io.floorgate.sim.SimOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the search for sustainable rates runs: which pipes, over how many load variables, and how
 * long each step is.
 *
 * @param tags        load variables; the offered rate is spread over them (rate ÷ tags Hz each,
 *                    at most {@value #MAX_HZ} Hz, so at most 50 × tags values/s)
 * @param formats     the Floorgate pipes, each a format of {@link BenchOptions#format()}
 * @param baseline    whether to search the baseline pipe too
 * @param qos         telemetry QoS of every pipe, the baseline's included
 * @param broker      as {@link BenchOptions#broker()}
 * @param heapMax     -Xmx of the measured processes
 * @param profile     a JFR recording of each measured process
 * @param buffer      the gateway's store-and-forward on
 * @param connections the gateway's {@code mqtt.connections}
 * @param firstWarmup before the first step of a pipe, at its first rate (class loading, JIT)
 * @param warmup      before each step's window, at its rate
 * @param measure     each step's measuring window
 * @param steps       steps per pipe at most (1: {@code --quick}, one point per pipe)
 * @param start       the first rate of every pipe, or null for {@link #DEFAULT_START}'s
 */
public record SearchOptions(
    int tags,
    List<String> formats,
    boolean baseline,
    int qos,
    String broker,
    String heapMax,
    boolean profile,
    boolean buffer,
    int connections,
    Duration firstWarmup,
    Duration warmup,
    Duration measure,
    int steps,
    @Nullable Double start) {

  /** The pipe name of the baseline in the search's results. */
  public static final String BASELINE = "baseline";

  /**
   * First rates, near what each pipe sustained on the 2-core development box at QoS 1, so that
   * the search brackets the answer in its first two steps.
   */
  static final Map<String, Double> DEFAULT_START = Map.of(
      "uns", 8_000.0, "uns-batched", 30_000.0, "sparkplug", 30_000.0, BASELINE, 12_000.0);

  /**
   * The fastest rate of each variable: the gateway samples at half its period, and 10 ms is the
   * shortest sampling interval it accepts.
   */
  static final double MAX_HZ = 50;

  /** Stop bisecting when the bracket is within 10 %. */
  static final double RESOLUTION = 0.10;

  public SearchOptions {
    Objects.requireNonNull(formats, "formats");
    formats = List.copyOf(formats);
    if (tags < 1 || tags > SimOptions.MAX_SCALE) {
      throw new IllegalArgumentException("--tags must be 1–" + SimOptions.MAX_SCALE + ", got " + tags);
    }
    for (String format : formats) {
      if (!DEFAULT_START.containsKey(format) || format.equals(BASELINE)) {
        throw new IllegalArgumentException("--format must be uns, uns-batched or sparkplug, got " + format);
      }
    }
    if (qos != 0 && qos != 1) {
      throw new IllegalArgumentException("--qos must be 0 or 1, got " + qos);
    }
    if (steps < 1 || steps > 20) {
      throw new IllegalArgumentException("--steps must be 1–20, got " + steps);
    }
    if (connections < 1 || connections > 16) {
      throw new IllegalArgumentException("--connections must be 1–16, got " + connections);
    }
    if (start != null && !(start >= minRate(tags) && start <= maxRate(tags))) {
      throw new IllegalArgumentException("--start must be " + minRate(tags) + "–" + maxRate(tags)
          + " values/s with " + tags + " tags, got " + start);
    }
    Objects.requireNonNull(broker, "broker");
    Objects.requireNonNull(heapMax, "heapMax");
  }

  /** The pipes in the order they are searched: the formats, then the baseline. */
  public List<String> pipes() {
    return baseline
        ? java.util.stream.Stream.concat(formats.stream(), java.util.stream.Stream.of(BASELINE)).toList()
        : formats;
  }

  /** The first rate of {@code pipe}, within [{@link #minRate()}, {@link #maxRate()}]. */
  double startFor(String pipe) {
    double s = start != null ? start : DEFAULT_START.get(pipe);
    return Math.max(minRate(), Math.min(maxRate(), s));
  }

  /** The lowest rate offered: a tenth of an update per second of each variable. */
  double minRate() {
    return minRate(tags);
  }

  /** The highest: every variable at the simulator's fastest rate. */
  double maxRate() {
    return maxRate(tags);
  }

  private static double minRate(int tags) {
    return tags * 0.1;
  }

  private static double maxRate(int tags) {
    return tags * MAX_HZ;
  }

  /**
   * The options of one Floorgate pipe's gateway, for {@link BenchConfig}: its format at the
   * search's fastest rate, so that its sampling and queues take every rate the search offers.
   */
  BenchOptions gatewayOptions(String format) {
    return new BenchOptions(tags, MAX_HZ, "subscription", format, qos, broker,
        warmup, measure, false, heapMax, profile, buffer, false);
  }
}
