package io.floorgate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

  @Test
  void lightLoadIsDeliveredCompletelyThroughBothPipesAndMeasured() throws Exception {
    BenchOptions options = new BenchOptions(50, 5, "subscription", "uns", 1, "tcp://127.0.0.1:1883",
        Duration.ofSeconds(1), Duration.ofSeconds(3), true, "256m", false);
    assertCompleteAndMeasured(options, List.of("floorgate", "baseline"));
  }

  @Test
  void lightLoadIsDeliveredCompletelyAsSparkplugData() throws Exception {
    BenchOptions options = new BenchOptions(50, 5, "polling", "sparkplug", 1, "tcp://127.0.0.1:1883",
        Duration.ofSeconds(2), Duration.ofSeconds(3), false, "256m", false);
    assertCompleteAndMeasured(options, List.of("floorgate"));
  }

  private static void assertCompleteAndMeasured(BenchOptions options, List<String> pipes)
      throws Exception {
    StringWriter progress = new StringWriter();

    List<BenchResult> results = new Bench(options, new PrintWriter(progress, true)).run();

    assertEquals(pipes, results.stream().map(BenchResult::pipe).toList());
    for (BenchResult r : results) {
      assertTrue(r.received() > 0, r + "\n" + progress);
      assertEquals(0, r.lost(), () -> "values lost at a light load: " + r);
      assertTrue(r.deliveredPerSec() > 0, r::toString);
      assertTrue(r.cores() > 0 && r.rssMb() > 0 && r.heapAfterGcMb() > 0, r::toString);
      assertTrue(r.p50Ms() <= r.p99Ms() && r.p99Ms() <= r.maxMs(), r::toString);
    }
    StringWriter table = new StringWriter();
    BenchReports.table(results, new PrintWriter(table, true));
    assertTrue(table.toString().contains("floorgate"), table::toString);
    if (pipes.size() == 2) {
      assertTrue(table.toString().contains("floorgate / baseline delivered"), table::toString);
    }
  }

  @Test
  void topicIndexIsReadBackFromTheLastLevel() {
    assertEquals(42, CountingSubscriber.indexOf("p/jxnmm/isohara/bench/rhk01/load/" + LoadPlant.tagName(42)));
    assertEquals(-1, CountingSubscriber.indexOf("p/jxnmm/isohara/bench/rhk01/load/v00042/_meta"));
    assertEquals(-1, CountingSubscriber.indexOf("no-slash"));
  }

  @Test
  void payloadValueAndSourceTimeAreParsedFromUnsJson() {
    CountingSubscriber.Parsed parsed = CountingSubscriber.parse(
        "{\"value\":17.25,\"unit\":null,\"quality\":\"GOOD\",\"status\":{\"code\":0,\"name\":\"Good\"},\"sourceTime\":\"2026-11-26T07:40:01.250Z\"}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(new CountingSubscriber.Parsed(17.25, 1_795_678_801_250L), parsed);
    assertEquals(null, CountingSubscriber.parse("not json".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
