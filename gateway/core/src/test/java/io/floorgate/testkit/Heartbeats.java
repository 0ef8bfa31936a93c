package io.floorgate.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What a subscriber received of one PLC's heartbeat counter (+1 every 100 ms): which values, which
 * are missing between the first and the last, and whether each lane (live, replayed) kept its
 * order. At least once means duplicates are allowed; order is judged on first arrivals.
 */
public final class Heartbeats {

  private final String topic;
  private final List<DurableSubscriber.Received> messages;
  private final TreeMap<Long, Instant> sourceTimes = new TreeMap<>();

  public Heartbeats(DurableSubscriber subscriber, String topicSuffix) {
    this.topic = topicSuffix;
    this.messages = subscriber.on(topicSuffix);
    for (DurableSubscriber.Received m : messages) {
      if ("GOOD".equals(m.json().path("quality").asText())) {
        sourceTimes.putIfAbsent(m.json().path("value").asLong(),
            Instant.parse(m.json().path("sourceTime").asText()));
      }
    }
  }

  /** Whether {@code historian} has at least {@code count} values of every PLC's heartbeat. */
  public static boolean receivedOfEveryPlc(DurableSubscriber historian, int count) {
    for (String path : TestPlant.HEARTBEATS) {
      if (new Heartbeats(historian, path).values().size() < count) {
        return false;
      }
    }
    return true;
  }

  public TreeSet<Long> values() {
    return new TreeSet<>(sourceTimes.keySet());
  }

  public long max() {
    return sourceTimes.isEmpty() ? -1 : sourceTimes.lastKey();
  }

  /** When the PLC produced {@code value}; null if it was not received. */
  public @Nullable Instant sourceTime(long value) {
    return sourceTimes.get(value);
  }

  /** Missing ranges between the first and the last value received, as [from, to] pairs. */
  public List<long[]> gaps() {
    List<long[]> gaps = new ArrayList<>();
    @Nullable Long previous = null;
    for (long v : sourceTimes.keySet()) {
      if (previous != null && v > previous + 1) {
        gaps.add(new long[] {previous + 1, v - 1});
      }
      previous = v;
    }
    return gaps;
  }

  /** Values that arrived more than once (at least once allows it); counted for the report. */
  public long duplicates() {
    return messages.size() - sourceTimes.size();
  }

  /** First arrivals of one lane that came after a higher value of the same lane. */
  public List<String> outOfOrder(boolean historical) {
    Map<Long, Boolean> seen = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    long highest = Long.MIN_VALUE;
    for (DurableSubscriber.Received m : messages) {
      long v = m.json().path("value").asLong();
      if (m.historical() != historical || seen.putIfAbsent(v, true) != null) {
        continue;
      }
      if (v < highest) {
        problems.add(v + " after " + highest);
      }
      highest = Math.max(highest, v);
    }
    return problems;
  }

  /** The values in the given lane, first arrivals only. */
  public TreeSet<Long> lane(boolean historical) {
    TreeSet<Long> lane = new TreeSet<>();
    messages.stream().filter(m -> m.historical() == historical)
        .forEach(m -> lane.add(m.json().path("value").asLong()));
    return lane;
  }

  @Override
  public String toString() {
    return topic + ": " + sourceTimes.size() + " values " + (sourceTimes.isEmpty() ? ""
        : sourceTimes.firstKey() + ".." + sourceTimes.lastKey()) + ", gaps " + gaps().stream()
        .map(g -> g[0] + "-" + g[1]).toList() + ", duplicates " + duplicates();
  }
}
