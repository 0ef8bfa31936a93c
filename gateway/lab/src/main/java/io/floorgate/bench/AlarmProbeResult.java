package io.floorgate.bench;

import java.util.List;

/**
 * What the alarm probe measured in the window: transitions that arrived, the latency of each
 * RAISE from the PLC's source time of the reading that raised it to the subscriber, and the
 * gateway's own stage times of the same RAISEs.
 *
 * @param events  transitions received (RAISE, CLEAR and any other)
 * @param raises  RAISE transitions; each one with a source time is timed
 * @param clears  CLEAR transitions, counted but not timed (their source time is the raise's)
 * @param p50Ms   RAISE latency, median
 * @param p99Ms   99th percentile
 * @param p999Ms  99.9th percentile
 * @param maxMs   maximum
 * @param stages  inside the gateway: from the driver's hand-over of the tripping reading to the
 *                WebSocket frame written (one console connected), the MQTT PUBLISH handed over and
 *                its PUBACK ({@code floorgate.alarms.latency}); empty where not read
 */
public record AlarmProbeResult(long events, long raises, long clears, double p50Ms, double p99Ms,
    double p999Ms, double maxMs, List<StageFigures> stages) {

  public AlarmProbeResult {
    stages = List.copyOf(stages);
  }

  /** The same with the gateway's stage times. */
  AlarmProbeResult withStages(List<StageFigures> figures) {
    return new AlarmProbeResult(events, raises, clears, p50Ms, p99Ms, p999Ms, maxMs, figures);
  }
}
