package io.floorgate.bench;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What one step of the search measured at one offered rate, and whether the pipe carried it.
 *
 * <p>A pipe <em>carries</em> a rate when, in the step:
 * <ul>
 *   <li>no value was lost ({@code lost == 0}: no update of any variable missing between the first
 *       and the last one the subscriber saw, counted after the step has drained);
 *   <li>latency from the PLC's source time to the subscriber had a p99 of at most
 *       {@link #MAX_P99_MS} in the measuring window;
 *   <li>its backlog did not grow: the backlog is the updates offered that the subscriber has not
 *       yet seen (per variable: the simulator's update number minus the newest one received,
 *       summed), and at the end of the window it may exceed the backlog at its start by at most
 *       {@link #BACKLOG_TOLERANCE} of the values offered in the window — a pipe that falls 3 %
 *       short of the offered rate builds that much in a window, while one publishing interval's
 *       worth of values in flight (100 ms, under 2 % of a 6 s window) is within it;
 *   <li>after the load stopped, every offered update reached the subscriber within
 *       {@link #MAX_DRAIN_MS}.
 * </ul>
 *
 * @param offeredPerSec    the rate asked for
 * @param offered          values the simulator produced in the measuring window
 * @param delivered        values the subscriber received in the window
 * @param seconds          the window's length
 * @param lost             values lost from the start of the step to its drain
 * @param p50Ms            latency median in the window
 * @param p99Ms            latency 99th percentile in the window
 * @param backlogGrowth    backlog at the window's end minus at its start, in values
 * @param drainMs          from stopping the load until the subscriber had every update, or
 *                         {@code -1} when it never had them (a value lost for good)
 * @param cores            the measured process's CPU seconds per second in the window
 * @param rssMb            its resident memory at the window's end
 */
public record StepFigures(
    double offeredPerSec,
    long offered,
    long delivered,
    double seconds,
    long lost,
    double p50Ms,
    double p99Ms,
    long backlogGrowth,
    double drainMs,
    double cores,
    double rssMb) {

  /** The latency bound of a sustainable rate. */
  static final double MAX_P99_MS = 1_000;
  /** How much the backlog may grow in a window, as a share of the values offered in it. */
  static final double BACKLOG_TOLERANCE = 0.03;
  /** How long after the load stops the last offered update may take to arrive. */
  static final double MAX_DRAIN_MS = 2_000;

  /** Whether the pipe carried the offered rate. */
  @JsonProperty
  boolean carried() {
    return why().isEmpty();
  }

  /** Why the rate was not carried, e.g. {@code "p99 1350 ms"}; empty when it was. */
  @JsonProperty
  String why() {
    if (offered <= 0) {
      return "nothing offered";
    }
    if (lost > 0) {
      return lost + " lost";
    }
    if (p99Ms > MAX_P99_MS) {
      return String.format(java.util.Locale.ROOT, "p99 %.0f ms", p99Ms);
    }
    if (backlogGrowth > BACKLOG_TOLERANCE * offered) {
      return String.format(java.util.Locale.ROOT, "backlog +%.0f %%", 100.0 * backlogGrowth / offered);
    }
    if (drainMs < 0 || drainMs > MAX_DRAIN_MS) {
      return drainMs < 0 ? "never drained" : String.format(java.util.Locale.ROOT, "drain %.1f s", drainMs / 1000);
    }
    return "";
  }

  /** Values per second the subscriber received in the window. */
  double deliveredPerSec() {
    return delivered / seconds;
  }

  /** Microseconds of the measured process's CPU per value delivered. */
  double cpuMicrosPerValue() {
    return delivered == 0 ? 0 : cores * seconds * 1e6 / delivered;
  }
}
