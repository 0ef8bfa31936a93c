package io.floorgate.mqtt;

import static io.floorgate.mqtt.Readings.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.buffer.BufferedReading;
import io.floorgate.buffer.DiskBuffer;
import io.floorgate.reading.Reading;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One reader of the buffer's live end handing each telemetry connection its share. */
class LiveFeedTest {

  private static final String TAG = "jxnmm/isohara/calcination/rhk01/load";

  @TempDir Path dir;

  @Test
  void everyConnectionGetsEachOfItsReadingsOnceInOrder() {
    try (DiskBuffer buffer = Readings.buffer(dir)) {
      LiveFeed feed = new LiveFeed(buffer, 3, new Object());
      for (int s = 0; s < 3; s++) {
        feed.reset(s, buffer.lastSeq());
      }
      Map<Integer, List<BufferedReading>> got = new HashMap<>();
      // Entries of 40 readings over 30 tags, the connections taking in turn between appends.
      for (long i = 0; i < 1200; i += 40) {
        buffer.append(entry(i, 40));
        takeAll(feed, (int) (i / 40) % 3, got);
      }
      for (int s = 0; s < 3; s++) {
        takeAll(feed, s, got);
      }

      assertDealtInOrder(got, 3, 1200);
    }
  }

  @Test
  void aConnectionThatTakesNothingFallsBehindWithoutHoldingTheOthersBack() {
    try (DiskBuffer buffer = Readings.buffer(dir)) {
      LiveFeed feed = new LiveFeed(buffer, 2, new Object());
      feed.reset(0, buffer.lastSeq());
      feed.reset(1, buffer.lastSeq());
      int total = 4 * LiveFeed.MAX_QUEUED / 100 * 100;
      Map<Integer, List<BufferedReading>> got = new HashMap<>();
      for (long i = 0; i < total; i += 100) {
        buffer.append(entry(i, 100));
        takeAll(feed, 0, got);
      }
      int ofZero = got.get(0).size();

      takeAll(feed, 1, got);

      assertTrue(ofZero > total / 2 - 1000, "connection 0 kept going: " + ofZero);
      assertDealtInOrder(got, 2, total);
    }
  }

  @Test
  void readingsUpToTheCutAreLeftToTheBacklog() {
    try (DiskBuffer buffer = Readings.buffer(dir)) {
      LiveFeed feed = new LiveFeed(buffer, 2, new Object());
      feed.reset(0, buffer.lastSeq());
      buffer.append(entry(0, 30));
      buffer.append(entry(30, 30));
      long cut = buffer.lastSeq();
      feed.reset(1, cut);
      buffer.append(entry(60, 30));
      Map<Integer, List<BufferedReading>> got = new HashMap<>();

      takeAll(feed, 0, got);
      takeAll(feed, 1, got);

      assertEquals(90, got.get(0).size() + got.get(1).size() + share1Cut(buffer, cut));
      assertTrue(got.get(1).stream().allMatch(r -> r.seq() > cut));
    }
  }

  /** Readings of connection 1 of 2 up to {@code cut}: its backlog. */
  private static int share1Cut(DiskBuffer buffer, long cut) {
    Lanes.Share one = new Lanes.Share(1, 2);
    return (int) buffer.read(0, cut, 1000).stream().filter(r -> one.takes(r.reading())).count();
  }

  /** Readings {@code from}…{@code from + n - 1} over 30 tags, as one entry; value = number. */
  private static List<Reading> entry(long from, int n) {
    List<Reading> readings = new ArrayList<>();
    for (long i = from; i < from + n; i++) {
      readings.add(reading(TAG + "/v" + (i % 30), i));
    }
    return readings;
  }

  private static void takeAll(LiveFeed feed, int share, Map<Integer, List<BufferedReading>> got) {
    ArrayDeque<BufferedReading> out = new ArrayDeque<>();
    for (long before = -1, upTo; (upTo = feed.take(share, out)) != before; ) {
      before = upTo;
    }
    got.computeIfAbsent(share, s -> new ArrayList<>()).addAll(out);
  }

  /** Every number 0…total-1 once, on the connection its tag hashes to, in order per connection. */
  private static void assertDealtInOrder(Map<Integer, List<BufferedReading>> got, int count,
      int total) {
    boolean[] seen = new boolean[total];
    for (int s = 0; s < count; s++) {
      Lanes.Share share = new Lanes.Share(s, count);
      long last = -1;
      for (BufferedReading r : got.getOrDefault(s, List.of())) {
        long value = (Long) r.reading().value();
        assertTrue(share.takes(r.reading()), value + " on connection " + s);
        assertTrue(value > last, value + " after " + last + " on connection " + s);
        assertTrue(!seen[(int) value], value + " twice");
        seen[(int) value] = true;
        last = value;
      }
    }
    for (int i = 0; i < total; i++) {
      assertTrue(seen[i], "reading " + i + " never dealt");
    }
  }
}
