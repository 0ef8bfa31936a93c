package io.floorgate.mqtt;

import io.floorgate.config.MqttConfig;
import io.floorgate.config.Namespace;
import io.floorgate.reading.Reading;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes readings to the telemetry broker as Unified Namespace JSON, one topic per tag
 * ({@code [topicPrefix/]enterprise/site/area/…/tag}, QoS from the config, not retained), and each
 * tag's metadata retained on {@code …/tag/_meta} after every connect.
 *
 * <p>{@link #offer} never blocks: readings wait in a bounded in-memory queue, and when it is full
 * the oldest is dropped and counted ({@link #dropped()}). One sender thread, started by
 * {@link #start()}, connects in the background (an unreachable broker is logged and retried with
 * backoff, never thrown), and keeps at most min({@code maxInFlight}, the broker's Receive Maximum)
 * publishes unacknowledged. Readings whose publish dies with a connection are queued again (at
 * least once). The queue lives in memory only: what is in it when the process ends is lost.
 */
public final class MqttPublisher implements AutoCloseable {

  /** How long {@link #close()} lets queued and in-flight readings reach the broker. */
  public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);
  private static final long JOIN_MILLIS = 2_000;
  private static final long DISCONNECT_QUIESCE_MILLIS = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(MqttPublisher.class);

  private final MqttConfig config;
  private final ReadingQueue queue;
  private final PublishCounters counters;
  private final MqttAsyncClient client;
  private final SenderLoop loop;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private @Nullable Thread sender;

  /**
   * Prepares the client; nothing connects before {@link #start()}.
   *
   * @throws IllegalArgumentException for an invalid broker URL or a queue or window below 1
   */
  public MqttPublisher(MqttConfig config, Namespace namespace) {
    this.config = Objects.requireNonNull(config, "config");
    Objects.requireNonNull(namespace, "namespace");
    if (config.queueCapacity() < 1 || config.maxInFlight() < 1) {
      throw new IllegalArgumentException("mqtt.queueCapacity and mqtt.maxInFlight must be at"
          + " least 1, got " + config.queueCapacity() + " and " + config.maxInFlight());
    }
    this.queue = new ReadingQueue(config.queueCapacity());
    this.counters = new PublishCounters(config.url());
    try {
      this.client = new MqttAsyncClient(config.url(), config.clientId(), new MemoryPersistence());
    } catch (MqttException | IllegalArgumentException e) {
      throw new IllegalArgumentException("mqtt.url '" + config.url() + "' cannot be used: "
          + e.getMessage() + "; write it as tcp://host:1883", e);
    }
    this.loop = new SenderLoop(client, config, namespace, queue, counters);
    client.setCallback(new ConnectionCallback());
  }

  /** Starts the sender thread, which connects in the background. Returns at once. */
  public void start() {
    if (closed.get() || !started.compareAndSet(false, true)) {
      return;
    }
    Thread thread = new Thread(loop, "floorgate-mqtt-" + config.clientId());
    thread.setDaemon(true);
    sender = thread;
    thread.start();
  }

  /**
   * Queues a reading for publishing; never blocks. When the queue is full the oldest reading is
   * dropped to make room.
   *
   * @return false only after {@link #close()}
   */
  public boolean offer(Reading reading) {
    if (closed.get()) {
      return false;
    }
    queue.offer(reading);
    return true;
  }

  /**
   * Sets the tag metadata, published retained now when connected and again after every connect.
   */
  public void publishMeta(List<TagMeta> metas) {
    loop.meta(metas);
  }

  /** Whether the telemetry connection is up. */
  public boolean isConnected() {
    return loop.connected();
  }

  /** Readings the broker acknowledged (QoS 1) or that were written out (QoS 0). */
  public long published() {
    return counters.published.sum();
  }

  /** Readings the broker or client refused; they are lost. */
  public long failed() {
    return counters.failed.sum();
  }

  /** Readings dropped from a full queue, oldest first. */
  public long dropped() {
    return queue.dropped();
  }

  /** Readings waiting in the queue. */
  public int queued() {
    return queue.size();
  }

  /** The in-flight window of the current connection, 0 while disconnected. */
  public int inFlightWindow() {
    SendWindow w = loop.window();
    return w == null ? 0 : w.size();
  }

  /** Readings queued again because their connection died before the broker acknowledged them. */
  long requeued() {
    return counters.requeued.sum();
  }

  /** Publishes Paho refused as beyond the broker's Receive Maximum (should stay 0 at QoS 1). */
  long windowRejections() {
    return counters.windowRejections.sum();
  }

  long metaPublished() {
    return counters.metaPublished.sum();
  }

  /**
   * Lets queued and in-flight readings reach the broker for at most {@link #DRAIN_TIMEOUT} (not at
   * all while disconnected), then stops the sender, disconnects and closes the client. Readings
   * still queued are lost and logged.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    while (sender != null && loop.connected() && System.nanoTime() - deadline < 0
        && (queue.size() > 0 || inFlight() > 0)) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    loop.stop();
    Thread thread = sender;
    if (thread != null) {
      try {
        // Every wait of the sender is bounded and watches the stop signal; the interrupt is a
        // last resort, as it could land inside Paho.
        thread.join(JOIN_MILLIS);
        if (thread.isAlive()) {
          thread.interrupt();
          thread.join(JOIN_MILLIS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    closeClient();
    int unsent = queue.size();
    if (unsent > 0) {
      LOG.warn("MQTT publisher for {} closed with {} readings unsent; they are lost", config.url(),
          unsent);
    }
  }

  private int inFlight() {
    SendWindow w = loop.window();
    return w == null ? 0 : w.inFlight();
  }

  private void closeClient() {
    try {
      if (client.isConnected()) {
        client.disconnect(DISCONNECT_QUIESCE_MILLIS)
            .waitForCompletion(DISCONNECT_QUIESCE_MILLIS + 1_000);
      }
    } catch (MqttException e) {
      LOG.debug("MQTT disconnect from {} did not complete: {}", config.url(), e.toString());
    }
    try {
      client.close(true);
    } catch (MqttException e) {
      // A connect still in progress; cut it so its threads end with us.
      try {
        client.disconnectForcibly(0, DISCONNECT_QUIESCE_MILLIS, false);
        client.close(true);
      } catch (MqttException again) {
        LOG.debug("MQTT client for {} did not close cleanly: {}", config.url(), again.toString());
      }
    }
  }

  /** Paho's connection events; runs on Paho's threads, so it only hands over. */
  private final class ConnectionCallback implements MqttCallback {
    @Override
    public void disconnected(MqttDisconnectResponse response) {
      MqttException cause = response.getException();
      loop.connectionLost(cause != null ? cause.toString()
          : "broker sent DISCONNECT, reason code " + response.getReturnCode()
              + (response.getReasonString() == null ? "" : " " + response.getReasonString()));
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      LOG.warn("MQTT error on the connection to {}: {}", config.url(), exception.toString());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      // The telemetry client subscribes to nothing.
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
      // Counted in the publish's own listener.
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      // The sender logs connects with the window it derived from the CONNACK.
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
      // No enhanced authentication.
    }
  }
}
