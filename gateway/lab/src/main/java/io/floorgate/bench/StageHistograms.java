package io.floorgate.bench;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's alarm-lane stage times ({@code floorgate.alarms.latency} by {@code stage}) as
 * cumulative bucket counts, which {@link MeasuredMain} writes on one line and the bench reads
 * back. Two readings subtracted give the histogram of the window between them, so the warm-up is
 * not in the figures; a percentile is the upper bound of the bucket it falls in.
 *
 * @param stages each stage's buckets, by the meter's {@code stage} tag
 */
record StageHistograms(Map<String, Buckets> stages) {

  /**
   * One stage: the bucket bounds (ms, ascending) and how many times were at most each bound; a
   * time above the last bound counts only in {@code count}.
   */
  record Buckets(long count, double[] boundsMs, long[] atMost) {

    Buckets minus(Buckets earlier) {
      long[] d = new long[atMost.length];
      for (int i = 0; i < d.length; i++) {
        d[i] = atMost[i] - (i < earlier.atMost.length ? earlier.atMost[i] : 0);
      }
      return new Buckets(count - earlier.count, boundsMs, d);
    }

    /** The upper bound of the bucket of the {@code p}th percentile; infinite above the last. */
    double percentileMs(double p) {
      long rank = (long) Math.ceil(p / 100.0 * count);
      for (int i = 0; i < atMost.length; i++) {
        if (atMost[i] >= Math.max(1, rank)) {
          return boundsMs[i];
        }
      }
      return Double.POSITIVE_INFINITY;
    }

    StageFigures figures(String stage) {
      return new StageFigures(stage, count, percentileMs(50), percentileMs(99), percentileMs(99.9),
          percentileMs(100));
    }
  }

  /** The line's form of {@code timers}: {@code stage=count/bound:atMost,bound:atMost,… …}. */
  static String encode(Collection<Timer> timers) {
    List<String> parts = new ArrayList<>();
    for (Timer t : timers) {
      HistogramSnapshot s = t.takeSnapshot();
      StringBuilder b = new StringBuilder(t.getId().getTag("stage")).append('=').append(s.count())
          .append('/');
      CountAtBucket[] buckets = s.histogramCounts();
      for (int i = 0; i < buckets.length; i++) {
        b.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f:%.0f",
            buckets[i].bucket(TimeUnit.MILLISECONDS), buckets[i].count()));
      }
      parts.add(b.toString());
    }
    return String.join(" ", parts);
  }

  /** Reads {@link #encode}'s form (the words after the answer's keyword and port). */
  static StageHistograms parse(List<String> words) {
    Map<String, Buckets> stages = new LinkedHashMap<>();
    for (String word : words) {
      int eq = word.indexOf('=');
      int slash = word.indexOf('/', eq);
      String[] pairs = word.substring(slash + 1).isEmpty() ? new String[0]
          : word.substring(slash + 1).split(",");
      double[] bounds = new double[pairs.length];
      long[] atMost = new long[pairs.length];
      for (int i = 0; i < pairs.length; i++) {
        String[] p = pairs[i].split(":");
        bounds[i] = Double.parseDouble(p[0]);
        atMost[i] = Long.parseLong(p[1]);
      }
      stages.put(word.substring(0, eq),
          new Buckets(Long.parseLong(word.substring(eq + 1, slash)), bounds, atMost));
    }
    return new StageHistograms(stages);
  }

  /** The order of the lane: the console's frame, then the PUBLISH, then its PUBACK. */
  private static final List<String> LANE = List.of("websocket", "mqtt-publish", "mqtt-puback");

  /** The window from {@code earlier} to this reading, each stage's figures, in the lane's order. */
  List<StageFigures> since(StageHistograms earlier) {
    List<StageFigures> out = new ArrayList<>();
    stages.forEach((stage, now) -> {
      Buckets before = earlier.stages.get(stage);
      out.add((before == null ? now : now.minus(before)).figures(stage));
    });
    out.sort(Comparator.comparingInt(f -> LANE.contains(f.stage()) ? LANE.indexOf(f.stage())
        : LANE.size()));
    return out;
  }
}
