package io.floorgate.sparkplug;

import io.floorgate.broker.BrokerClient;
import io.floorgate.broker.BrokerConnection;
import io.floorgate.broker.Will;
import io.floorgate.broker.Window;
import io.floorgate.config.MqttProtocol;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT connection of the edge node on the shared {@link BrokerConnection}, with the Will of
 * that connection: a new client for every CONNECT, so a Will with a fresh bdSeq is never mixed up
 * with an old connection's events (Paho's own automatic reconnect would resend the first Will),
 * and the version the lane speaks now (MQTT 5, or 3.1.1 once a broker refused 5). The client
 * calls back on its threads; every callback goes straight to {@link Events}, which only hands
 * over.
 */
final class BrokerLink implements BrokerClient.Events {

  /** MQTT 5 DISCONNECT reason 0x04: the broker publishes the Will (Sparkplug 3.0 for MQTT 5). */
  static final int DISCONNECT_WITH_WILL = 0x04;
  /**
   * MQTT 5 DISCONNECT reason 0x00: the broker discards the Will. For a connection that published
   * no NBIRTH, whose NDEATH would announce the death of a session no host ever saw.
   */
  static final int DISCONNECT_NORMAL = 0x00;
  /**
   * Publishes handed to the client and not yet written out (QoS 0) or acknowledged (QoS 1), at
   * most; fewer when the broker's Receive Maximum says so.
   */
  private static final int WINDOW = 64;
  /** Commands arrive as QoS 1; a broker's default of 20 unacknowledged could stall a burst. */
  private static final int RECEIVE_MAXIMUM = 1024;
  /** Paho's own in-flight limit frees within microseconds; this long means the link is stuck. */
  private static final long MAX_INFLIGHT_WAIT_SECONDS = 5;
  private static final Logger LOG = LoggerFactory.getLogger(BrokerLink.class);

  /** What happens on the connection; called on the client's threads, so implementations hand over. */
  interface Events {
    void connected(BrokerLink link, BrokerClient.Connack connack);

    void connectFailed(BrokerLink link, Throwable cause);

    void subscribed(BrokerLink link, int[] reasonCodes);

    void lost(BrokerLink link, String reason);

    void message(BrokerLink link, String topic, byte[] payload);
  }

  final String url;
  final int bdSeq;
  private final Events events;
  private final BrokerClient client;
  private volatile Window window = new Window(WINDOW);

  BrokerLink(BrokerConnection connection, String url, int bdSeq, Events events) {
    this.url = url;
    this.bdSeq = bdSeq;
    this.events = events;
    this.client = connection.client(url, this);
  }

  MqttProtocol protocol() {
    return client.protocol();
  }

  /** Starts the CONNECT with this connection's Will; the outcome comes through {@link Events}. */
  void connect(String willTopic, byte[] willPayload) throws BrokerClient.Refused {
    // Sparkplug 3.0: clean start and no session to resume (the shared options), and the Will
    // at QoS 1, not retained.
    client.connect(List.of(url), new Will(willTopic, willPayload, 1, false), RECEIVE_MAXIMUM)
        .whenComplete((connack, cause) -> {
          if (cause != null) {
            events.connectFailed(this, cause);
          } else {
            window = Window.of(WINDOW, connack.receiveMaximum());
            events.connected(this, connack);
          }
        });
  }

  /** Subscribes every filter at QoS 1; the broker's answer comes through {@link Events}. */
  void subscribe(String... filters) throws BrokerClient.Refused {
    client.subscribe(filters, 1).whenComplete((codes, cause) -> {
      if (cause != null) {
        events.lost(this, "the broker refused the subscriptions: " + cause);
      } else {
        events.subscribed(this, codes);
      }
    });
  }

  boolean isConnected() {
    return client.isConnected();
  }

  /**
   * Hands a publish to the client in order, waiting (bounded, in short slices) for room in the
   * window.
   *
   * @return false when the connection is gone; the message is then lost with it
   */
  boolean publish(String topic, byte[] payload, int qos) {
    Window w = window;
    if (!w.acquire(client::isConnected)) {
      return false;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_INFLIGHT_WAIT_SECONDS);
    while (true) {
      try {
        client.publish(topic, payload, qos, false, Map.of(), null, w.releasing());
        return true;
      } catch (BrokerClient.Refused e) {
        if (e.inFlightFull() && client.isConnected() && System.nanoTime() - deadline < 0) {
          // Paho counts a QoS 0 publish in flight until it is written: a moment's wait.
          Thread.onSpinWait();
          continue;
        }
        w.release();
        if (client.isConnected()) {
          LOG.warn("Sparkplug publish on {} to {} failed: {}; hosts see a gap in seq and may ask "
              + "for a rebirth", topic, url, e.getMessage());
        }
        return false;
      }
    }
  }

  /** Publishes and waits for the broker's acknowledgement (QoS 1) at most {@code timeoutMs}. */
  boolean publishAndWait(String topic, byte[] payload, long timeoutMs) {
    CompletableFuture<Void> acked = new CompletableFuture<>();
    try {
      client.publish(topic, payload, 1, false, Map.of(), null, new BrokerClient.Completion() {
        @Override
        public void delivered(String t, @Nullable Object context, int reasonCode) {
          acked.complete(null);
        }

        @Override
        public void failed(String t, @Nullable Object context, Throwable cause) {
          acked.completeExceptionally(cause);
        }
      });
      acked.get(timeoutMs, TimeUnit.MILLISECONDS);
      return true;
    } catch (BrokerClient.Refused | ExecutionException | TimeoutException e) {
      LOG.debug("Sparkplug publish on {} to {} not acknowledged: {}", topic, url, e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Sends DISCONNECT with {@code reasonCode}: {@link #DISCONNECT_WITH_WILL} after an NDEATH, so
   * the broker publishes the NDEATH too, as Sparkplug 3.0 asks of MQTT 5 nodes;
   * {@link #DISCONNECT_NORMAL} when there was no NBIRTH. MQTT 3.1.1 has no DISCONNECT with Will
   * (the broker drops the Will), so the node publishes NDEATH itself before this. Waits at most
   * {@code timeoutMs}, then closes the client.
   */
  void disconnectAndClose(int reasonCode, long timeoutMs) {
    client.disconnect(timeoutMs, reasonCode == DISCONNECT_WITH_WILL);
    close();
  }

  /** Drops the connection without a DISCONNECT, if any, and releases the client's threads. */
  void close() {
    client.close();
  }

  @Override
  public void lost(String reason) {
    events.lost(this, reason);
  }

  @Override
  public void message(String topic, byte[] payload) {
    events.message(this, topic, payload);
  }

  @Override
  public String toString() {
    return url + " (bdSeq " + bdSeq + ")";
  }
}
