package io.floorgate.bench;

/**
 * One stage of the gateway's alarm lane in the measuring window: RAISEs from the driver's hand-over
 * of the tripping reading to this stage ({@code floorgate.alarms.latency}). Each figure is the
 * upper bound of its histogram bucket.
 *
 * @param stage {@code websocket} (frame written), {@code mqtt-publish} (handed to the alarm MQTT
 *              client), {@code mqtt-puback} (acknowledged by the broker)
 * @param count RAISEs timed at this stage
 */
public record StageFigures(String stage, long count, double p50Ms, double p99Ms, double p999Ms,
    double maxMs) {}
