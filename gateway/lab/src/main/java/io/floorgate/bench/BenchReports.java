package io.floorgate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints bench results as a table and writes them as JSON. */
public final class BenchReports {

  private BenchReports() {}

  /**
   * What ran, in one line: load, format, acquisition, QoS, and the gateway's store-and-forward,
   * e.g. {@code 5000 tags × 10 Hz = 50000 values/s, UNS JSON batches of ≤ 500 values,
   * subscription, QoS 1, store-and-forward off (memory queue only)}.
   */
  public static String title(BenchOptions options) {
    String format = switch (options.format()) {
      case "uns-batched" -> "UNS JSON batches of ≤ " + BenchConfig.MAX_BATCH + " values";
      case "sparkplug" -> "Sparkplug B DDATA";
      default -> "UNS JSON, one message per value";
    };
    return String.format(Locale.ROOT, "%d tags × %s Hz = %.0f values/s, %s, %s, QoS %d, %s%s",
        options.tags(), rate(options.rateHz()), options.offeredPerSecond(), format,
        options.acquisition(), options.qos(),
        options.buffer() ? "store-and-forward on (disk queue)"
            : "store-and-forward off (memory queue only)",
        options.alarmProbe() ? ", alarm probe" : "");
  }

  private static String rate(double hz) {
    return hz == Math.rint(hz) ? Long.toString((long) hz) : Double.toString(hz);
  }

  public static void table(BenchOptions options, List<BenchResult> results, PrintWriter out) {
    out.println(title(options));
    out.printf("%-10s %10s %10s %8s %8s %8s %8s %8s %8s %7s %7s %8s %6s%n", "pipe", "offered/s",
        "deliv/s", "lost", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "first ms", "cores", "RSS MB",
        "heap MB", "GC ms");
    for (BenchResult r : results) {
      out.printf("%-10s %10.0f %10.0f %8d %8.1f %8.1f %8.1f %8.1f %8.0f %7.2f %7.0f %8.1f %6d%n",
          r.pipe(), r.offeredPerSec(), r.deliveredPerSec(), r.lost(), r.p50Ms(), r.p99Ms(),
          r.p999Ms(), r.maxMs(), r.firstValueMs(), r.cores(), r.rssMb(), r.heapAfterGcMb(), r.gcMillis());
    }
    if (results.size() == 2 && results.get(1).deliveredPerSec() > 0) {
      out.printf("floorgate / baseline delivered: %.0f %%%n",
          100.0 * results.get(0).deliveredPerSec() / results.get(1).deliveredPerSec());
    }
    for (BenchResult r : results) {
      AlarmProbeResult a = r.alarmProbe();
      if (a != null) {
        out.printf(Locale.ROOT, "alarm probe (%s): %d events (%d RAISE, %d CLEAR); RAISE latency "
            + "from the PLC's source time p50 %.1f / p99 %.1f / max %.1f ms%n", r.pipe(), a.events(),
            a.raises(), a.clears(), a.p50Ms(), a.p99Ms(), a.maxMs());
        if (!a.stages().isEmpty()) {
          out.printf(Locale.ROOT, "  %-44s %6s %8s %8s %8s %8s%n", "in the gateway, from the "
              + "hand-over (ms, ≤ bucket)", "RAISEs", "p50", "p99", "p99.9", "max");
          for (StageFigures s : a.stages()) {
            out.printf(Locale.ROOT, "  %-44s %6d %8s %8s %8s %8s%n", stageName(s.stage()),
                s.count(), ms(s.p50Ms()), ms(s.p99Ms()), ms(s.p999Ms()), ms(s.maxMs()));
          }
        }
      }
    }
    out.flush();
  }

  private static String stageName(String stage) {
    return switch (stage) {
      case "websocket" -> "→ WebSocket frame written";
      case "mqtt-publish" -> "→ alarm MQTT PUBLISH handed over";
      case "mqtt-puback" -> "→ its PUBACK from the broker";
      default -> stage;
    };
  }

  /** A bucket bound as read: to the µs, or "> 10 s" above the last bucket. */
  private static String ms(double ms) {
    return Double.isInfinite(ms) ? ">10000" : String.format(Locale.ROOT, "%.3f", ms);
  }

  public static void json(BenchOptions options, List<BenchResult> results, Path file) throws IOException {
    json(title(options), options, results, file);
  }

  /** The report file of a run, fixed-rate or search: {@code {scenario, options, results}}. */
  static void json(String scenario, Object options, List<?> results, Path file) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("scenario", scenario);
    doc.put("options", options);
    doc.put("results", results);
    new ObjectMapper().registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
  }
}
