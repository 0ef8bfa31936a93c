package io.floorgate.bench;

/**
 * What the alarm probe measured in the window: transitions that arrived, and the latency of each
 * RAISE from the PLC's source time of the reading that raised it to the subscriber.
 *
 * @param events  transitions received (RAISE, CLEAR and any other)
 * @param raises  RAISE transitions; each one with a source time is timed
 * @param clears  CLEAR transitions, counted but not timed (their source time is the raise's)
 * @param p50Ms   RAISE latency, median
 * @param p99Ms   99th percentile
 * @param maxMs   maximum
 */
public record AlarmProbeResult(long events, long raises, long clears, double p50Ms, double p99Ms,
    double maxMs) {}
