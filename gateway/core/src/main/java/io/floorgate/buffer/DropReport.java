package io.floorgate.buffer;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the readings the buffer gave up for one reason, and says so in the log: the first drop at
 * once, then at most one line a minute with the count since the last one, so that a long outage
 * is visible without flooding the log.
 */
final class DropReport {

  private static final Logger LOG = LoggerFactory.getLogger(DiskBuffer.class);
  private static final long INTERVAL_NANOS = 60_000_000_000L;

  private final String reason;
  private final String advice;
  private final LongAdder total = new LongAdder();
  private final LongAdder sinceLog = new LongAdder();
  private final AtomicLong nextLog = new AtomicLong(System.nanoTime());

  /**
   * @param reason why readings are dropped, e.g. "the buffer is full (buffer.maxBytes 2GB)"
   * @param advice what the operator can do about it
   */
  DropReport(String reason, String advice) {
    this.reason = reason;
    this.advice = advice;
  }

  void dropped(long n, String which) {
    if (n <= 0) {
      return;
    }
    total.add(n);
    sinceLog.add(n);
    long due = nextLog.get();
    long now = System.nanoTime();
    if (now - due >= 0 && nextLog.compareAndSet(due, now + INTERVAL_NANOS)) {
      LOG.warn("Store-and-forward: {} {} readings dropped since the last report because {}; {} in"
          + " all. {}", sinceLog.sumThenReset(), which, reason, total.sum(), advice);
    }
  }

  long total() {
    return total.sum();
  }
}
