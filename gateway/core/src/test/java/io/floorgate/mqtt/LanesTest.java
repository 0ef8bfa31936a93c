package io.floorgate.mqtt;

import static io.floorgate.mqtt.Readings.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.buffer.DiskBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
}
