package io.floorgate.buffer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Wakes the sender when a reading is appended. The appender takes the lock only while someone
 * waits, so a busy pipeline pays one volatile read per reading.
 */
final class AppendSignal {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition appended = lock.newCondition();
  private volatile boolean waiting;

  /** After an append has made {@code lastSeq} visible. */
  void appended() {
    if (waiting) {
      lock.lock();
      try {
        appended.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Waits until {@code lastSeq} passes {@code seq}, at most {@code timeout}; whether it did. */
  boolean await(LongSupplier lastSeq, long seq, long timeout, TimeUnit unit)
      throws InterruptedException {
    if (lastSeq.getAsLong() > seq) {
      return true;
    }
    long remaining = unit.toNanos(timeout);
    lock.lock();
    try {
      // Set before the check below: an append either sees it or is seen by the check.
      waiting = true;
      while (lastSeq.getAsLong() <= seq && remaining > 0) {
        remaining = appended.awaitNanos(remaining);
      }
      return lastSeq.getAsLong() > seq;
    } finally {
      waiting = false;
      lock.unlock();
    }
  }
}
