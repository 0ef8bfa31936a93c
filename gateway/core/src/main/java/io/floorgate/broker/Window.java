package io.floorgate.broker;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The in-flight window of one connection: a permit per publish handed to Paho and not yet
 * acknowledged, sized to the smaller of the lane's ceiling and the broker's Receive Maximum from
 * that connection's CONNACK. Paho throws 32202 for one publish beyond the broker's limit (MQTT 5), so a
 * lane takes a permit before each publish and the completion gives it back. A new connection gets
 * a new window, so permits of publishes that died with the old one cannot leak.
 */
public final class Window {

  private static final long SLICE_MILLIS = 100;

  private final int size;
  private final Semaphore permits;
  private final BrokerClient.Completion release = new BrokerClient.Completion() {
    @Override
    public void delivered(String topic, @Nullable Object context, int reasonCode) {
      permits.release();
    }

    @Override
    public void failed(String topic, @Nullable Object context, Throwable cause) {
      permits.release();
    }
  };

  public Window(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("window size must be at least 1, got " + size);
    }
    this.size = size;
    this.permits = new Semaphore(size);
  }

  /** A window of {@code ceiling} permits at most, fewer when the broker's CONNACK says so. */
  public static Window of(int ceiling, int receiveMaximum) {
    return new Window(Math.max(1, Math.min(ceiling, receiveMaximum)));
  }

  public int size() {
    return size;
  }

  public int inFlight() {
    return size - permits.availablePermits();
  }

  /**
   * Waits for a permit in short slices, as long as {@code keepWaiting} says so.
   *
   * @return false when {@code keepWaiting} turned false first (or the thread was interrupted)
   */
  public boolean acquire(BooleanSupplier keepWaiting) {
    try {
      while (!permits.tryAcquire(SLICE_MILLIS, TimeUnit.MILLISECONDS)) {
        if (!keepWaiting.getAsBoolean()) {
          return false;
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public boolean tryAcquire(long timeout, TimeUnit unit) throws InterruptedException {
    return permits.tryAcquire(timeout, unit);
  }

  /** Gives back a permit whose publish never reached Paho, or was completed. */
  public void release() {
    permits.release();
  }

  /** A completion listener that only gives the permit back. */
  public BrokerClient.Completion releasing() {
    return release;
  }
}
