package io.floorgate.mqtt;

import io.floorgate.buffer.BufferedReading;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import io.floorgate.broker.BrokerClient;
import org.jspecify.annotations.Nullable;

/**
 * The in-flight window of one MQTT connection: a permit per unacknowledged publish, sized to the
 * smaller of our ceiling and the broker's Receive Maximum from that connection's CONNACK. Paho
 * throws 32202 for one publish beyond the broker's limit, so the sender takes a permit before
 * every publish and the client's completion callback gives it back (on MQTT 3.1.1, where the
 * broker states no limit, the window is the configured {@code maxInFlight}).
 *
 * <p>Each connection gets a fresh window, so permits of publishes that die with an old connection
 * cannot leak into the next one. The callbacks run on Paho's threads and only count, release and
 * hand the acknowledged readings to the buffer (which only queues them).
 */
final class SendWindow implements BrokerClient.Completion {

  /**
   * Marks a metadata publish in the token's user context; a reading's publish carries its
   * {@link BufferedReading}, a batch's the list of them.
   */
  static final Object META = new Object();
  /** MQTT 5 reason codes from 0x80 on are refusals (e.g. 0x87 not authorized); 3.1.1 has 0. */
  private static final int FIRST_ERROR_REASON = 0x80;

  private final int size;
  private final Semaphore permits;
  private final PublishCounters counters;
  private final BooleanSupplier connected;
  private final Consumer<BufferedReading> acknowledge;
  private volatile boolean retired;

  /**
   * @param connected   whether the client is connected right now
   * @param acknowledge takes a reading off the buffer: the broker has it, or refused it for good
   */
  SendWindow(int size, PublishCounters counters, BooleanSupplier connected,
      Consumer<BufferedReading> acknowledge) {
    this.size = size;
    this.permits = new Semaphore(size);
    this.counters = counters;
    this.connected = connected;
    this.acknowledge = acknowledge;
  }

  /** Marks the connection of this window as gone; a new one gets a new window. */
  void retire() {
    retired = true;
  }

  /** Whether this window belongs to the live connection. */
  boolean live() {
    return !retired && connected.getAsBoolean();
  }

  int size() {
    return size;
  }

  int inFlight() {
    return size - permits.availablePermits();
  }

  boolean tryAcquire(long timeout, TimeUnit unit) throws InterruptedException {
    return permits.tryAcquire(timeout, unit);
  }

  /** Gives back a permit whose publish never reached Paho. */
  void release() {
    permits.release();
  }

  @Override
  public void delivered(String topic, @Nullable Object context, int refusal) {
    // Count before releasing: whoever sees the window empty must see the count too.
    try {
      if (context == META || context == null) {
        counters.metaPublished.increment();
        return;
      }
      List<BufferedReading> readings = readings(context);
      if (refusal >= FIRST_ERROR_REASON) {
        counters.failed(topic, readings.size(), new IllegalStateException(
            String.format("PUBACK reason code 0x%02X", refusal)));
      } else {
        counters.acknowledged(readings);
      }
      // Refused for good or delivered: either way it leaves the queue.
      readings.forEach(acknowledge);
    } finally {
      permits.release();
    }
  }

  @Override
  public void failed(String topic, @Nullable Object context, Throwable cause) {
    try {
      if (context != META && context != null) {
        List<BufferedReading> readings = readings(context);
        if (!live()) {
          // The connection went away under it: it stays queued and goes again on the next one.
          counters.requeued.add(readings.size());
        } else {
          counters.failed(topic, readings.size(), cause);
          readings.forEach(acknowledge);
        }
      }
      // Metadata is published again after every connect; nothing to do for it here.
    } finally {
      permits.release();
    }
  }

  /** The readings a publish carries: its context is one reading or a batch of them. */
  @SuppressWarnings("unchecked")
  static List<BufferedReading> readings(Object context) {
    return context instanceof BufferedReading one ? List.of(one) : (List<BufferedReading>) context;
  }
}
