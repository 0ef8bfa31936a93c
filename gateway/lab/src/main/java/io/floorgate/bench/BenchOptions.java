package io.floorgate.bench;

import java.time.Duration;
import java.util.Objects;

/**
 * What to measure.
 *
 * @param tags        load variables, each changing at {@code rateHz}
 * @param rateHz      updates per second of each variable
 * @param acquisition {@code subscription} or {@code polling}
 * @param format      {@code uns} (one JSON message per value), {@code uns-batched} (JSON messages
 *                    of up to {@value BenchConfig#MAX_BATCH} values) or {@code sparkplug} (DDATA)
 * @param qos         telemetry QoS, 0 or 1
 * @param broker      a broker URL, {@code embedded}, or {@code auto} (a local Mosquitto if one
 *                    answers on 127.0.0.1:1883, else embedded)
 * @param warmup      time before measuring
 * @param measure     the measuring window
 * @param baseline    whether to run the baseline pipe too
 * @param heapMax     -Xmx of the measured process, e.g. {@code 512m}
 * @param profile     record a JFR profile of each measured process (in the bench's work directory)
 * @param buffer      the gateway's store-and-forward on (a disk queue), or off (in memory only)
 * @param alarmProbe  also time an alarm raised under the load (see {@link AlarmProbeSubscriber})
 */
public record BenchOptions(
    int tags,
    double rateHz,
    String acquisition,
    String format,
    int qos,
    String broker,
    Duration warmup,
    Duration measure,
    boolean baseline,
    String heapMax,
    boolean profile,
    boolean buffer,
    boolean alarmProbe) {

  public BenchOptions {
    if (tags < 1 || tags > 100_000) {
      throw new IllegalArgumentException("--tags must be 1–100000, got " + tags);
    }
    if (!(rateHz > 0 && rateHz <= 100)) {
      throw new IllegalArgumentException("--rate must be in (0, 100] Hz, got " + rateHz);
    }
    if (!acquisition.equals("subscription") && !acquisition.equals("polling")) {
      throw new IllegalArgumentException("--acquisition must be subscription or polling, got " + acquisition);
    }
    if (acquisition.equals("polling") && rateHz > 10) {
      throw new IllegalArgumentException("--rate above 10 Hz needs --acquisition subscription "
          + "(polling reads twice per update, and the shortest poll interval is 50 ms)");
    }
    if (!format.equals("uns") && !format.equals("uns-batched") && !format.equals("sparkplug")) {
      throw new IllegalArgumentException("--format must be uns, uns-batched or sparkplug, got " + format);
    }
    if (qos != 0 && qos != 1) {
      throw new IllegalArgumentException("--qos must be 0 or 1, got " + qos);
    }
    Objects.requireNonNull(broker, "broker");
    Objects.requireNonNull(warmup, "warmup");
    Objects.requireNonNull(measure, "measure");
    Objects.requireNonNull(heapMax, "heapMax");
  }

  /** With store-and-forward on and no alarm probe, as the bench ran before either existed. */
  public BenchOptions(int tags, double rateHz, String acquisition, String format, int qos,
      String broker, Duration warmup, Duration measure, boolean baseline, String heapMax,
      boolean profile) {
    this(tags, rateHz, acquisition, format, qos, broker, warmup, measure, baseline, heapMax,
        profile, true, false);
  }

  /** The same with store-and-forward on or off. */
  public BenchOptions withBuffer(boolean on) {
    return new BenchOptions(tags, rateHz, acquisition, format, qos, broker, warmup, measure,
        baseline, heapMax, profile, on, alarmProbe);
  }

  /** The same with or without the alarm probe. */
  public BenchOptions withAlarmProbe(boolean on) {
    return new BenchOptions(tags, rateHz, acquisition, format, qos, broker, warmup, measure,
        baseline, heapMax, profile, buffer, on);
  }

  /** Values per second the simulator offers. */
  public double offeredPerSecond() {
    return tags * rateHz;
  }

  boolean sparkplug() {
    return format.equals("sparkplug");
  }

  boolean batched() {
    return format.equals("uns-batched");
  }
}
