package io.floorgate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A short bench run at a light load, so the command stays working: both pipes deliver every value
 * and report figures. Not a performance test: the figures are only checked for being measured.
 */
@Timeout(180)
class BenchSmokeTest {

  private static final String BROKER = "tcp://127.0.0.1:1883";

  @Test
  void lightLoadIsDeliveredCompletelyThroughBothPipesAndMeasured() throws Exception {
    BenchOptions options = new BenchOptions(50, 5, "subscription", "uns", 1, BROKER,
        Duration.ofSeconds(1), Duration.ofSeconds(3), true, "256m", false);
    assertCompleteAndMeasured(options, List.of("floorgate", "baseline"));
  }

  @Test
  void lightLoadIsDeliveredCompletelyAsSparkplugData() throws Exception {
    BenchOptions options = new BenchOptions(50, 5, "polling", "sparkplug", 1, BROKER,
        Duration.ofSeconds(2), Duration.ofSeconds(3), false, "256m", false);
    assertCompleteAndMeasured(options, List.of("floorgate"));
  }

  @Test
  void alarmProbeTimesARaiseForEveryFlipWhileTheLoadIsCountedWithoutIt() throws Exception {
    // Sparkplug: the probe is a metric of the same device as the load, which must not be counted.
    BenchOptions options = new BenchOptions(50, 5, "subscription", "sparkplug", 1, BROKER,
        Duration.ofSeconds(2), Duration.ofSeconds(4), false, "256m", false).withAlarmProbe(true);

    BenchResult r = assertCompleteAndMeasured(options, List.of("floorgate")).get(0);

    AlarmProbeResult a = r.alarmProbe();
    assertNotNull(a, r::toString);
    // 4 s at a flip every 500 ms: about 8 flips, each a RAISE of one rule and a CLEAR of the other.
    assertTrue(a.raises() >= 4 && a.clears() >= 4, a::toString);
    assertTrue(Math.abs(a.raises() - a.clears()) <= 2, a::toString);
    assertEquals(a.raises() + a.clears(), a.events(), a::toString);
    assertTrue(a.p50Ms() <= a.p99Ms() && a.p99Ms() <= a.maxMs() && a.maxMs() < 5_000, a::toString);
    // The gateway's own stage times of the same RAISEs, read from the measured process.
    assertEquals(List.of("mqtt-puback", "mqtt-publish", "websocket"),
        a.stages().stream().map(StageFigures::stage).sorted().toList(), a::toString);
    for (StageFigures s : a.stages()) {
      assertTrue(s.count() >= 2 && s.count() <= a.raises() + 1, a::toString);
      assertTrue(s.p50Ms() <= s.p99Ms() && s.p99Ms() <= s.maxMs(), a::toString);
    }
  }

  @Test
  void lightLoadIsDeliveredCompletelyInUnsBatches() throws Exception {
    BenchOptions options = new BenchOptions(50, 5, "subscription", "uns-batched", 1, BROKER,
        Duration.ofSeconds(1), Duration.ofSeconds(3), false, "256m", false);
    assertCompleteAndMeasured(options, List.of("floorgate"));
  }

  @Test
  void lightLoadIsDeliveredCompletelyWithoutStoreAndForward() throws Exception {
    BenchOptions options = new BenchOptions(50, 5, "subscription", "uns", 1, BROKER,
        Duration.ofSeconds(1), Duration.ofSeconds(3), false, "256m", false).withBuffer(false);
    assertCompleteAndMeasured(options, List.of("floorgate"));
  }

  private static List<BenchResult> assertCompleteAndMeasured(BenchOptions options,
      List<String> pipes) throws Exception {
    StringWriter progress = new StringWriter();

    List<BenchResult> results = new Bench(options, new PrintWriter(progress, true)).run();

    assertEquals(pipes, results.stream().map(BenchResult::pipe).toList());
    for (BenchResult r : results) {
      assertTrue(r.received() > 0, r + "\n" + progress);
      assertEquals(0, r.lost(), () -> "values lost at a light load: " + r);
      assertEquals(0, r.unreadable(), () -> "values the subscriber could not read: " + r);
      assertTrue(r.deliveredPerSec() > 0, r::toString);
      assertTrue(r.cores() > 0 && r.rssMb() > 0 && r.heapAfterGcMb() > 0, r::toString);
      assertTrue(r.p50Ms() <= r.p99Ms() && r.p99Ms() <= r.maxMs(), r::toString);
    }
    StringWriter table = new StringWriter();
    BenchReports.table(options, results, new PrintWriter(table, true));
    assertTrue(table.toString().startsWith(BenchReports.title(options)), table::toString);
    assertTrue(table.toString().contains("floorgate"), table::toString);
    if (pipes.size() == 2) {
      assertTrue(table.toString().contains("floorgate / baseline delivered"), table::toString);
    }
    if (options.alarmProbe()) {
      assertTrue(table.toString().contains("alarm probe (floorgate): "), table::toString);
    }
    return results;
  }

  @Test
  void topicIndexIsReadBackFromTheLastLevel() {
    assertEquals(42, CountingSubscriber.indexOf("p/jxnmm/isohara/bench/rhk01/load/" + LoadPlant.tagName(42)));
    assertEquals(-1, CountingSubscriber.indexOf("p/jxnmm/isohara/bench/rhk01/load/v00042/_meta"));
    assertEquals(-1, CountingSubscriber.indexOf("no-slash"));
  }
}
