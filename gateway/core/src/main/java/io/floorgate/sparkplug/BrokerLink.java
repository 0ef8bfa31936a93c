package io.floorgate.sparkplug;

import io.floorgate.broker.BrokerConnection;
import io.floorgate.broker.Will;
import io.floorgate.broker.Window;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT 5 connection of the edge node on the shared {@link BrokerConnection}, with the Will of
 * that connection: a new Paho client for every CONNECT, so a Will with a fresh bdSeq is never mixed up with an old connection's events
 * (Paho's own automatic reconnect would resend the first Will). Paho calls back on its threads;
 * every callback goes straight to {@link Events}, which only hands over.
 */
final class BrokerLink implements MqttCallback {

  /** MQTT 5 DISCONNECT reason 0x04: the broker publishes the Will (Sparkplug 3.0 for MQTT 5). */
  static final int DISCONNECT_WITH_WILL = 0x04;
  /**
   * MQTT 5 DISCONNECT reason 0x00: the broker discards the Will. For a connection that published
   * no NBIRTH, whose NDEATH would announce the death of a session no host ever saw.
   */
  static final int DISCONNECT_NORMAL = 0x00;
  /**
   * Publishes handed to Paho and not yet written out (QoS 0) or acknowledged (QoS 1), at most;
   * fewer when the broker's Receive Maximum says so.
   */
  private static final int WINDOW = 64;
  /** Paho's own in-flight limit frees within microseconds; this long means the link is stuck. */
  private static final long MAX_INFLIGHT_WAIT_SECONDS = 5;
  private static final Logger LOG = LoggerFactory.getLogger(BrokerLink.class);

  /** What happens on the connection; called on Paho's threads, so implementations hand over. */
  interface Events {
    void connected(BrokerLink link, MqttProperties connack);

    void connectFailed(BrokerLink link, Throwable cause);

    void subscribed(BrokerLink link, int[] reasonCodes);

    void lost(BrokerLink link, String reason);

    void message(BrokerLink link, String topic, byte[] payload);
  }

  final String url;
  final int bdSeq;
  private final BrokerConnection connection;
  private final Events events;
  private final MqttAsyncClient client;
  private volatile Window window = new Window(WINDOW);

  BrokerLink(BrokerConnection connection, String url, int bdSeq, Events events) {
    this.url = url;
    this.bdSeq = bdSeq;
    this.connection = connection;
    this.events = events;
    this.client = connection.client(url);
    client.setCallback(this);
  }

  /** Starts the CONNECT with this connection's Will; the outcome comes through {@link Events}. */
  void connect(String willTopic, byte[] willPayload) throws MqttException {
    // Sparkplug 3.0: clean start and no session to resume (the shared options), and the Will
    // at QoS 1, not retained.
    MqttConnectionOptions options = connection.options(List.of(url),
        new Will(willTopic, willPayload, 1, false));
    // Commands arrive as QoS 1; a broker's default of 20 unacknowledged could stall a burst.
    options.setReceiveMaximum(1024);
    client.connect(options, null, new MqttActionListener() {
      @Override
      public void onSuccess(IMqttToken token) {
        MqttProperties connack = token.getResponseProperties();
        window = Window.of(WINDOW, BrokerConnection.receiveMaximum(connack));
        events.connected(BrokerLink.this, connack == null ? new MqttProperties() : connack);
      }

      @Override
      public void onFailure(IMqttToken token, Throwable cause) {
        events.connectFailed(BrokerLink.this, cause);
      }
    });
  }

  /** Subscribes every filter at QoS 1; the broker's answer comes through {@link Events}. */
  void subscribe(String... filters) throws MqttException {
    int[] qos = new int[filters.length];
    java.util.Arrays.fill(qos, 1);
    client.subscribe(filters, qos, null, new MqttActionListener() {
      @Override
      public void onSuccess(IMqttToken token) {
        int[] codes = token.getReasonCodes();
        events.subscribed(BrokerLink.this, codes == null ? new int[0] : codes);
      }

      @Override
      public void onFailure(IMqttToken token, Throwable cause) {
        events.lost(BrokerLink.this, "the broker refused the subscriptions: " + cause);
      }
    });
  }

  boolean isConnected() {
    return client.isConnected();
  }

  /**
   * Hands a publish to Paho in order, waiting (bounded, in short slices) for room in the window.
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
        client.publish(topic, payload, qos, false, null, w.releasing());
        return true;
      } catch (MqttException e) {
        if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT
            && client.isConnected() && System.nanoTime() - deadline < 0) {
          // Paho counts a QoS 0 publish in flight until it is written: a moment's wait.
          Thread.onSpinWait();
          continue;
        }
        w.release();
        if (client.isConnected()) {
          LOG.warn("Sparkplug publish on {} to {} failed: {}; hosts see a gap in seq and may ask "
              + "for a rebirth", topic, url, e.toString());
        }
        return false;
      }
    }
  }

  /** Publishes and waits for the broker's acknowledgement (QoS 1) at most {@code timeoutMs}. */
  boolean publishAndWait(String topic, byte[] payload, long timeoutMs) {
    try {
      client.publish(topic, payload, 1, false).waitForCompletion(timeoutMs);
      return true;
    } catch (MqttException e) {
      LOG.debug("Sparkplug publish on {} to {} not acknowledged: {}", topic, url, e.toString());
      return false;
    }
  }

  /**
   * Sends DISCONNECT with {@code reasonCode}: {@link #DISCONNECT_WITH_WILL} after an NDEATH, so
   * the broker publishes the NDEATH too, as Sparkplug 3.0 asks of MQTT 5 nodes;
   * {@link #DISCONNECT_NORMAL} when there was no NBIRTH. Waits at most {@code timeoutMs}, then
   * closes the client.
   */
  void disconnectAndClose(int reasonCode, long timeoutMs) {
    try {
      if (client.isConnected()) {
        client.disconnect(timeoutMs / 2, null, null, reasonCode, new MqttProperties())
            .waitForCompletion(timeoutMs);
      }
    } catch (MqttException e) {
      LOG.debug("Sparkplug DISCONNECT from {} did not complete: {}", url, e.toString());
    }
    close();
  }

  /** Drops the connection without a DISCONNECT, if any, and releases the client's threads. */
  void close() {
    try {
      if (client.isConnected()) {
        client.disconnectForcibly(0, 1_000, false);
      }
      client.close(true);
    } catch (MqttException e) {
      LOG.debug("Sparkplug MQTT client for {} did not close cleanly: {}", url, e.toString());
    }
  }

  @Override
  public void disconnected(MqttDisconnectResponse response) {
    events.lost(this, connection.lostReason(response));
  }

  @Override
  public void mqttErrorOccurred(MqttException exception) {
    LOG.warn("Sparkplug MQTT error on the connection to {}: {}", url, exception.toString());
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    events.message(this, topic, message.getPayload());
  }

  @Override
  public void deliveryComplete(IMqttToken token) {
    // Counted by each publish's own listener.
  }

  @Override
  public void connectComplete(boolean reconnect, String serverUri) {
    // The connect listener reports it, with the CONNACK.
  }

  @Override
  public void authPacketArrived(int reasonCode, MqttProperties properties) {
    // No enhanced authentication.
  }

  @Override
  public String toString() {
    return url + " (bdSeq " + bdSeq + ")";
  }
}
