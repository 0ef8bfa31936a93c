package io.floorgate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.alarm.AlarmLatency;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The gateway's stage times as the bench reads them: the meters of the gateway's own registry
 * type, written on one line, read back, and the window between two readings.
 */
class StageHistogramsTest {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  private StageHistograms read() {
    String line = StageHistograms.encode(registry.find("floorgate.alarms.latency").timers());
    return StageHistograms.parse(Arrays.asList(line.split(" ")));
  }

  @Test
  void windowBetweenTwoReadingsLeavesTheWarmUpOutAndKeepsItsTail() {
    new AlarmLatency().bindTo(registry);
    Timer ws = registry.get("floorgate.alarms.latency").tag("stage", "websocket").timer();
    for (int i = 0; i < 50; i++) {
      ws.record(200, TimeUnit.MILLISECONDS);
    }
    StageHistograms before = read();
    for (int i = 0; i < 990; i++) {
      ws.record(500, TimeUnit.MICROSECONDS);
    }
    for (int i = 0; i < 10; i++) {
      ws.record(30, TimeUnit.MILLISECONDS);
    }

    List<StageFigures> window = read().since(before);

    StageFigures w = window.stream().filter(s -> s.stage().equals("websocket")).findFirst()
        .orElseThrow();
    assertEquals(1000, w.count(), w::toString);
    assertTrue(w.p50Ms() >= 0.5 && w.p50Ms() < 0.6, w::toString);
    assertTrue(w.p99Ms() >= 0.5 && w.p99Ms() < 0.6, w::toString);
    assertTrue(w.p999Ms() >= 30 && w.p999Ms() < 40, w::toString);
    assertTrue(w.maxMs() >= 30 && w.maxMs() < 40, () -> "the warm-up's 200 ms are not in: " + w);
    assertEquals(List.of("websocket", "mqtt-publish", "mqtt-puback"),
        window.stream().map(StageFigures::stage).toList(), "in the lane's order");
    assertTrue(window.stream().filter(s -> !s.stage().equals("websocket"))
        .allMatch(s -> s.count() == 0), window::toString);
  }

  @Test
  void objectivesAreBucketBoundsSoATargetIsReadExactly() {
    new AlarmLatency().bindTo(registry);
    Timer publish = registry.get("floorgate.alarms.latency").tag("stage", "mqtt-publish").timer();
    StageHistograms before = read();
    for (int i = 0; i < 100; i++) {
      publish.record(2, TimeUnit.MILLISECONDS);
    }

    StageFigures p = read().since(before).stream().filter(s -> s.stage().equals("mqtt-publish"))
        .findFirst().orElseThrow();

    assertEquals(2.0, p.p99Ms(), 1e-9, p::toString);
  }

  @Test
  void collectorGivenAsAFurtherOptionReplacesTheBenchsOwn() {
    assertEquals(List.of("-Xmx80m", "-XX:+UseZGC", "-Xmn24m"),
        Bench.withExtra(List.of("-Xmx80m", "-XX:+UseSerialGC"), List.of("-XX:+UseZGC", "-Xmn24m")));
    assertEquals(List.of("-Xmx80m", "-XX:+UseSerialGC", "-Xmn24m"),
        Bench.withExtra(List.of("-Xmx80m", "-XX:+UseSerialGC"), List.of("-Xmn24m")));
  }
}
