package io.floorgate.notify;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** What one receiver's sender did, for the meters and the status page. Thread-safe. */
final class DeliveryStats {

  final AtomicLong delivered = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  private volatile @Nullable String lastError;
  private volatile @Nullable Instant lastErrorAt;
  private volatile @Nullable Instant lastSuccess;

  void delivered(int notices, Instant now) {
    delivered.addAndGet(notices);
    lastSuccess = now;
  }

  void failed(String error, Instant now) {
    failed.incrementAndGet();
    lastError = error;
    lastErrorAt = now;
  }

  @Nullable String lastError() {
    return lastError;
  }

  @Nullable Instant lastErrorAt() {
    return lastErrorAt;
  }

  @Nullable Instant lastSuccess() {
    return lastSuccess;
  }
}
