package io.floorgate.mqtt;

import io.floorgate.buffer.BufferedReading;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;

/**
 * The in-flight window of one MQTT connection: a permit per unacknowledged publish, sized to the
 * smaller of our ceiling and the broker's Receive Maximum from that connection's CONNACK. Paho
 * throws 32202 for one publish beyond the broker's limit, so the sender takes a permit before
 * every publish and Paho's completion callback gives it back.
 *
 * <p>Each connection gets a fresh window, so permits of publishes that die with an old connection
 * cannot leak into the next one. The callbacks run on Paho's threads and only count, release and
 * hand the acknowledged readings to the buffer (which only queues them).
 */
final class SendWindow implements MqttActionListener {

  /**
   * Marks a metadata publish in the token's user context; a reading's publish carries its
   * {@link BufferedReading}, a batch's the list of them.
   */
  static final Object META = new Object();
  /** MQTT 5 reason codes from 0x80 on are refusals (e.g. 0x87 not authorized). */
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
  public void onSuccess(IMqttToken token) {
    // Count before releasing: whoever sees the window empty must see the count too.
    try {
      Object context = token.getUserContext();
      if (context == META) {
        counters.metaPublished.increment();
        return;
      }
      List<BufferedReading> readings = readings(context);
      int refusal = refusal(token);
      if (refusal >= FIRST_ERROR_REASON) {
        counters.failed(topic(token), readings.size(), new IllegalStateException(
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
  public void onFailure(IMqttToken token, Throwable cause) {
    try {
      Object context = token.getUserContext();
      if (context != META) {
        List<BufferedReading> readings = readings(context);
        if (!live()) {
          // The connection went away under it: it stays queued and goes again on the next one.
          counters.requeued.add(readings.size());
        } else {
          counters.failed(topic(token), readings.size(), cause);
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

  private static int refusal(IMqttToken token) {
    int[] codes = token.getReasonCodes();
    return codes == null || codes.length == 0 ? 0 : codes[0];
  }

  private static String topic(IMqttToken token) {
    String[] topics = token.getTopics();
    return topics == null || topics.length == 0 ? "?" : topics[0];
  }
}
