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
 * A short search at light rates, so that the default {@code bench} stays working: every pipe gets
 * a row with a positive sustainable rate, and the Floorgate rows their ratio to the baseline. Not
 * a performance test: tiny rates, two steps a pipe.
 */
@Timeout(150)
class SustainBenchSmokeTest {

  @Test
  void shortSearchGivesEveryPipeARowWithAPositiveSustainableRate() throws Exception {
    SearchOptions options = new SearchOptions(50, List.of("uns", "uns-batched", "sparkplug"), true,
        1, "tcp://127.0.0.1:1883", "256m", false, true, 1, Duration.ofSeconds(1),
        Duration.ofSeconds(1), Duration.ofSeconds(2), 2, 250.0);
    StringWriter progress = new StringWriter();

    List<SustainResult> results = new SustainBench(options, new PrintWriter(progress, true)).run();

    assertEquals(List.of("uns", "uns-batched", "sparkplug", "baseline"),
        results.stream().map(SustainResult::pipe).toList(), progress::toString);
    for (SustainResult r : results) {
      assertTrue(r.sustainable() > 0, () -> r + "\n" + progress);
      assertEquals(2, r.steps().size(), r::toString);
      assertTrue(r.atRate().cores() > 0 && r.atRate().rssMb() > 0, r::toString);
    }
    StringWriter table = new StringWriter();
    SustainReports.table(options, results, new PrintWriter(table, true));
    String[] lines = table.toString().split("\n");
    assertEquals(6, lines.length, table::toString);
    assertTrue(lines[0].startsWith("Sustainable rates over 50 tags"), table::toString);
    for (String label : new String[] {"UNS per tag", "UNS batched", "Sparkplug", "baseline"}) {
      assertTrue(table.toString().contains("\n" + label + " "), () -> label + " missing:\n" + table);
    }
    assertTrue(lines[2].matches("UNS per tag +[0-9,]+ +[0-9]+ %.*"), table::toString);
  }
}
