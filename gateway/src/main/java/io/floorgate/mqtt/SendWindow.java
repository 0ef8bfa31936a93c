package io.floorgate.mqtt;

import io.floorgate.reading.Reading;
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
 * cannot leak into the next one. The callbacks run on Paho's threads and only count and release.
 */
final class SendWindow implements MqttActionListener {

  /** Marks a metadata publish in the token's user context; readings carry themselves. */
  static final Object META = new Object();

  private final int size;
  private final Semaphore permits;
  private final PublishCounters counters;
  private final BooleanSupplier connected;
  private final Consumer<Reading> requeue;
  private volatile boolean retired;

  /**
   * @param connected whether the client is connected right now
   * @param requeue   takes back a reading whose publish died with its connection
   */
  SendWindow(int size, PublishCounters counters, BooleanSupplier connected,
      Consumer<Reading> requeue) {
    this.size = size;
    this.permits = new Semaphore(size);
    this.counters = counters;
    this.connected = connected;
    this.requeue = requeue;
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
    if (token.getUserContext() == META) {
      counters.metaPublished.increment();
    } else {
      counters.published.increment();
    }
    permits.release();
  }

  @Override
  public void onFailure(IMqttToken token, Throwable cause) {
    try {
      Object context = token.getUserContext();
      if (context instanceof Reading reading && !live()) {
        // The connection went away under it: send it again on the next one (at least once).
        counters.requeued.increment();
        requeue.accept(reading);
      } else if (context instanceof Reading reading) {
        counters.failed(token.getTopics() == null ? reading.path() : token.getTopics()[0], cause);
      }
      // Metadata is published again after every connect; nothing to do for it here.
    } finally {
      permits.release();
    }
  }
}
