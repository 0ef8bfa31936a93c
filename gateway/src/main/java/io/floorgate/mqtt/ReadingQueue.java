package io.floorgate.mqtt;

import io.floorgate.reading.Reading;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The readings waiting for the broker: bounded, and when full the oldest reading gives way to the
 * newest, since a historian gap is better than a stale live view. Every reading that gives way is
 * counted, exactly, so the drop can be alarmed on.
 */
final class ReadingQueue {

  private final LinkedBlockingDeque<Reading> deque;
  private final LongAdder dropped = new LongAdder();

  ReadingQueue(int capacity) {
    this.deque = new LinkedBlockingDeque<>(capacity);
  }

  /** Adds at the tail, dropping from the head until there is room; never waits for space. */
  void offer(Reading reading) {
    while (!deque.offerLast(reading)) {
      // Another thread may have taken the head meanwhile; only what we remove counts as dropped.
      if (deque.pollFirst() != null) {
        dropped.increment();
      }
    }
  }

  /**
   * Puts back a reading that was taken but could not be sent, ahead of the others. If the queue
   * filled up meanwhile, this reading is the oldest and is the one dropped.
   */
  void returnToHead(Reading reading) {
    if (!deque.offerFirst(reading)) {
      dropped.increment();
    }
  }

  @Nullable Reading poll(long timeout, TimeUnit unit) throws InterruptedException {
    return deque.pollFirst(timeout, unit);
  }

  int size() {
    return deque.size();
  }

  long dropped() {
    return dropped.sum();
  }
}
