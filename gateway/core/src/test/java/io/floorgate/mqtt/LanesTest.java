package io.floorgate.mqtt;

import static io.floorgate.mqtt.Readings.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.buffer.DiskBuffer;
import io.floorgate.config.BufferConfig;
import io.floorgate.testkit.MutableClock;
import io.floorgate.testkit.SmallDisk;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the sender takes next from the buffer after a reconnect. */
class LanesTest {

  private static final String TAG = "jxnmm/isohara/calcination/rhk01/heartbeat";

  @TempDir Path dir;

  @Test
  void liveReadingsGoFirstAndTheBacklogFollowsOldestFirst() {
    try (DiskBuffer buffer = Readings.buffer(dir)) {
      for (long i = 1; i <= 5; i++) {
        buffer.append(reading(TAG, i));
      }
      Lanes lanes = new Lanes(buffer, 0);
      assertEquals(5, lanes.reset());
      buffer.append(reading(TAG, 6L));
      buffer.append(reading(TAG, 7L));

      List<String> order = new ArrayList<>();
      for (Lanes.Next next; (next = lanes.peek()) != null; ) {
        order.add((next.historical() ? "h" : "l") + next.item().reading().value());
        lanes.taken(next);
        if (order.size() == 3) {
          buffer.append(reading(TAG, 8L));
        }
      }

      assertEquals(List.of("l6", "l7", "h1", "l8", "h2", "h3", "h4", "h5"), order);
    }
  }

  @Test
  void replayRateHoldsTheBacklogBack() {
    try (DiskBuffer buffer = Readings.buffer(dir)) {
      for (long i = 1; i <= 50; i++) {
        buffer.append(reading(TAG, i));
      }
      Lanes lanes = new Lanes(buffer, 10);
      lanes.reset();

      int taken = 0;
      for (Lanes.Next next; (next = lanes.peek()) != null; taken++) {
        lanes.taken(next);
      }

      assertEquals(1, taken, "10/s allows a burst of one tenth of a second's worth");
      assertNull(lanes.peek());
      assertTrue(lanes.nanosUntilReplay() > 0 && lanes.nanosUntilReplay() <= 100_000_000L,
          "next in " + lanes.nanosUntilReplay() + " ns");
    }
  }

  @Test
  void whatTheFileHeldWhenItFailedIsReplayedOnceItIsWritableAgain() throws Exception {
    MutableClock clock = new MutableClock(Readings.SOURCE_TIME);
    try (SmallDisk disk = SmallDisk.mount(dir.resolve("fs"), 1024);
        DiskBuffer buffer = DiskBuffer.open(new BufferConfig(disk.path().resolve("buffer"),
            100_000_000, Duration.ofDays(1), BufferConfig.WhenFull.DROP_OLDEST, 0), clock)) {
      Lanes lanes = new Lanes(buffer, 0);
      lanes.reset();
      disk.fill(64 * 1024);
      long produced = 0;
      while (!buffer.inMemoryForWantOfDisk()) {
        buffer.append(reading(TAG, ++produced));
        buffer.flush();
      }
      buffer.append(reading(TAG, ++produced));
      TreeSet<Long> live = new TreeSet<>();
      TreeSet<Long> historical = new TreeSet<>();
      drain(lanes, buffer, live, historical);
      assertEquals(List.of(), List.copyOf(historical), "the file is out of reach meanwhile");

      disk.free();
      clock.now = clock.now.plusSeconds(10);
      buffer.maintain();
      buffer.append(reading(TAG, ++produced));
      drain(lanes, buffer, live, historical);

      assertEquals(1, buffer.restored());
      assertTrue(!historical.isEmpty() && historical.last() < live.first(),
          "replayed " + historical + ", live " + live);
      assertEquals(produced, live.size() + historical.size() + buffer.droppedUnwritable(),
          "live " + live + ", replayed " + historical + ", dropped " + buffer.droppedUnwritable());
    }
  }

  /** Takes and acknowledges everything the lanes give, by lane. */
  private static void drain(Lanes lanes, DiskBuffer buffer, TreeSet<Long> live,
      TreeSet<Long> historical) {
    for (Lanes.Next next; (next = lanes.peek()) != null; ) {
      (next.historical() ? historical : live).add((Long) next.item().reading().value());
      lanes.taken(next);
      buffer.acknowledge(next.item());
    }
    buffer.maintain();
  }

  @Test
  void shareReplaysItsTagsFromBehindABacklogOfAnothersTags() {
    Lanes.Share mine = new Lanes.Share(1, 2);
    String other = tagOf(new Lanes.Share(0, 2));
    String own = tagOf(mine);
    try (DiskBuffer buffer = Readings.buffer(dir)) {
      // More of the other share's readings than one read takes (256), then five of its own.
      for (long i = 1; i <= 600; i++) {
        buffer.append(reading(other, i));
      }
      for (long i = 1; i <= 5; i++) {
        buffer.append(reading(own, i));
      }
      Object lock = new Object();
      Lanes lanes = new Lanes(buffer, 0, mine, new LiveFeed(buffer, 2, lock), lock);
      lanes.reset();

      List<Object> replayed = new ArrayList<>();
      for (Lanes.Next next; (next = lanes.peek()) != null; ) {
        assertEquals(own, next.item().reading().path());
        replayed.add(next.item().reading().value());
        lanes.taken(next);
      }

      assertEquals(List.of(1L, 2L, 3L, 4L, 5L), replayed);
    }
  }

  @Test
  void sharesOfOneBufferTakeEachReadingExactlyOnce() {
    try (DiskBuffer buffer = Readings.buffer(dir)) {
      for (long i = 0; i < 150; i++) {
        buffer.append(reading(TAG + "/v" + (i % 30), i));
      }
      Object lock = new Object();
      LiveFeed feed = new LiveFeed(buffer, 3, lock);
      List<Lanes> lanes = new ArrayList<>();
      for (int n = 0; n < 3; n++) {
        Lanes l = new Lanes(buffer, 0, new Lanes.Share(n, 3), feed, lock);
        l.reset();
        lanes.add(l);
      }
      // Half of them backlog, half live.
      for (long i = 150; i < 300; i++) {
        buffer.append(reading(TAG + "/v" + (i % 30), i));
      }

      TreeSet<Long> taken = new TreeSet<>();
      int count = 0;
      for (Lanes l : lanes) {
        for (Lanes.Next next; (next = l.peek()) != null; count++) {
          taken.add((Long) next.item().reading().value());
          l.taken(next);
        }
      }

      assertEquals(300, count);
      assertEquals(300, taken.size());
    }
  }

  /** A tag path that {@code share} takes. */
  private static String tagOf(Lanes.Share share) {
    for (int i = 0; ; i++) {
      String path = TAG + "/v" + i;
      if (share.takes(reading(path, 0L))) {
        return path;
      }
    }
  }
}
