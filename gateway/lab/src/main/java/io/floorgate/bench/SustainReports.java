package io.floorgate.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Prints the search's results as one table and writes them as JSON. */
public final class SustainReports {

  private SustainReports() {}

  /** What ran, in one line, e.g. {@code Sustainable rates over 2000 tags, QoS 1, …}. */
  public static String title(SearchOptions options) {
    return String.format(Locale.ROOT, "Sustainable rates over %d tags, QoS %d, %s%s: zero loss, "
        + "p99 ≤ %.0f s, no backlog growth (steps of %d s warm-up + %d s measured)",
        options.tags(), options.qos(),
        options.buffer() ? "store-and-forward on" : "store-and-forward off",
        options.connections() > 1 ? ", " + options.connections() + " MQTT connections" : "",
        StepFigures.MAX_P99_MS / 1000, options.warmup().toSeconds(), options.measure().toSeconds());
  }

  /** The pipe as the table names it. */
  static String label(String pipe) {
    return switch (pipe) {
      case "uns" -> "UNS per tag";
      case "uns-batched" -> "UNS batched";
      case "sparkplug" -> "Sparkplug";
      default -> pipe;
    };
  }

  public static void table(SearchOptions options, List<SustainResult> results, PrintWriter out) {
    out.println(title(options));
    out.printf("%-12s %13s %11s %6s %9s %7s %8s %8s %6s%n", "pipe", "sustainable/s", "vs baseline",
        "cores", "µs/value", "RSS MB", "p50 ms", "p99 ms", "steps");
    Optional<SustainResult> baseline = results.stream()
        .filter(r -> r.pipe().equals(SearchOptions.BASELINE)).findFirst();
    for (SustainResult r : results) {
      StepFigures at = r.atRate();
      String ratio = baseline.filter(b -> b != r && b.sustainable() > 0)
          .map(b -> String.format(Locale.ROOT, "%.0f %%", 100 * r.sustainable() / b.sustainable()))
          .orElse("");
      out.printf(Locale.ROOT, "%-12s %13s %11s %6.2f %9.1f %7.0f %8.1f %8.1f %6d%n", label(r.pipe()),
          r.sustainable() >= options.maxRate() ? String.format(Locale.ROOT, "≥ %,.0f", r.sustainable())
              : r.sustainable() > 0 ? String.format(Locale.ROOT, "%,.0f", r.sustainable())
              : String.format(Locale.ROOT, "< %,.0f", at.offeredPerSec()),
          ratio, at.cores(), at.cpuMicrosPerValue(), at.rssMb(), at.p50Ms(), at.p99Ms(),
          r.steps().size());
    }
    out.flush();
  }

  public static void json(SearchOptions options, List<SustainResult> results, Path file) throws IOException {
    BenchReports.json(title(options), options, results, file);
  }
}
