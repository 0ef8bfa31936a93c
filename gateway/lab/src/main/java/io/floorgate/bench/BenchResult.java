package io.floorgate.bench;

import org.jspecify.annotations.Nullable;

/**
 * The figures of one pipe (Floorgate or the baseline) under one load.
 *
 * @param pipe             {@code floorgate} or {@code baseline}
 * @param offeredPerSec    values/s the simulator produced
 * @param deliveredPerSec  values/s the subscriber received in the measuring window
 * @param received         values received in all
 * @param lost             updates missing between the first and last received of each variable
 * @param outOfOrder       values that arrived after a newer one of the same variable
 * @param unreadable       messages or values of the load that could not be read (a BAD value, a
 *                         broken payload)
 * @param p50Ms            latency from the PLC's source time to the subscriber, median
 * @param p99Ms            99th percentile
 * @param p999Ms           99.9th percentile
 * @param maxMs            maximum
 * @param firstValueMs     from starting the process to the first value at the subscriber
 * @param cores            process CPU seconds per second in the window
 * @param rssMb            resident memory at the end of the window
 * @param heapAfterGcMb    heap in use after a full GC at the end
 * @param gcCount          collections since start
 * @param gcMillis         time in collections since start
 * @param alarmProbe       the alarm probe's figures (Floorgate with {@code --alarm-probe}), or null
 */
public record BenchResult(
    String pipe,
    double offeredPerSec,
    double deliveredPerSec,
    long received,
    long lost,
    long outOfOrder,
    long unreadable,
    double p50Ms,
    double p99Ms,
    double p999Ms,
    double maxMs,
    double firstValueMs,
    double cores,
    double rssMb,
    double heapAfterGcMb,
    long gcCount,
    long gcMillis,
    @Nullable AlarmProbeResult alarmProbe) {}
