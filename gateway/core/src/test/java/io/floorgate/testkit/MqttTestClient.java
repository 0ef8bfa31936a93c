package io.floorgate.testkit;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A Paho MQTT 5 client as the tests' subscribers and publishers use it: the connect, subscribe,
 * publish and close they all need, every wait bounded. The subscribers ({@link Recorder},
 * {@link DurableSubscriber}, the Sparkplug host) each keep what arrives in their own way.
 */
public final class MqttTestClient implements AutoCloseable {

  /** What arrives, on Paho's callback thread, in arrival order. */
  @FunctionalInterface
  public interface Handler {
    void arrived(String topic, MqttMessage message) throws Exception;
  }

  /** How the client's session begins and ends. */
  public enum Session {
    /** Clean start: the session is the connection's. */
    CLEAN,
    /**
     * A session of an hour that a broker with persistence keeps across its restart; after one,
     * the test calls {@link #reconnect()}.
     */
    DURABLE,
    /** {@link #DURABLE}, and Paho reconnects by itself every second. */
    DURABLE_RECONNECTING
  }

  private static final long WAIT_MS = 10_000;
  /**
   * Mosquitto 2.0 sends a v5 client that states no Receive Maximum only 20 messages at a time and
   * drops beyond 1000 queued: a subscriber briefly starved of CPU would lose messages.
   */
  private static final int RECEIVE_MAXIMUM = 65_535;

  private final MqttAsyncClient client;
  private final MqttConnectionOptions options;
  private final int brokerReceiveMaximum;

  private MqttTestClient(MqttAsyncClient client, MqttConnectionOptions options,
      int brokerReceiveMaximum) {
    this.client = client;
    this.options = options;
    this.brokerReceiveMaximum = brokerReceiveMaximum;
  }

  /**
   * Connects to {@code url} as {@code idPrefix-<uuid>}; {@code handler} sees every message from
   * the first subscription on.
   */
  public static MqttTestClient connect(String url, String idPrefix, Session session,
      Handler handler) throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(url, idPrefix + "-" + UUID.randomUUID(),
        new MemoryPersistence());
    client.setCallback(new Callback(handler));
    MqttConnectionOptions options = new MqttConnectionOptions();
    // Mosquitto 2.0 keeps a session across its restart only if it did not begin with clean start
    // (the client id is new, so there is nothing to resume the first time).
    options.setCleanStart(session == Session.CLEAN);
    if (session != Session.CLEAN) {
      options.setSessionExpiryInterval(3600L);
    }
    if (session == Session.DURABLE_RECONNECTING) {
      options.setAutomaticReconnect(true);
      options.setAutomaticReconnectDelay(1, 1);
    }
    options.setReceiveMaximum(RECEIVE_MAXIMUM);
    try {
      IMqttToken connect = client.connect(options);
      connect.waitForCompletion(WAIT_MS);
      if (!client.isConnected()) {
        throw new IllegalStateException("no connection to " + url + " in " + WAIT_MS + " ms");
      }
      MqttProperties answer = connect.getResponseProperties();
      Integer max = answer == null ? null : answer.getReceiveMaximum();
      return new MqttTestClient(client, options, max == null ? RECEIVE_MAXIMUM : max);
    } catch (MqttException | RuntimeException e) {
      client.close(true);
      throw e;
    }
  }

  /** A client that only publishes: a clean session and no subscription. */
  public static MqttTestClient publisher(String url, String idPrefix) throws MqttException {
    return connect(url, idPrefix, Session.CLEAN, (topic, message) -> { });
  }

  /** Removes retained messages from the broker, so that runs leave nothing behind. */
  public static void clearRetained(String url, List<String> topics) throws MqttException {
    try (MqttTestClient cleaner = publisher(url, "cleaner")) {
      for (String topic : topics) {
        cleaner.clearRetained(topic);
      }
    }
  }

  /** Subscribes to each filter at QoS 1. */
  public void subscribe(String... filters) throws MqttException {
    int[] qos = new int[filters.length];
    Arrays.fill(qos, 1);
    client.subscribe(filters, qos).waitForCompletion(WAIT_MS);
  }

  /** Subscribes with options of its own, such as retain as published. */
  public void subscribe(MqttSubscription subscription) throws MqttException {
    client.subscribe(new MqttSubscription[] {subscription}).waitForCompletion(WAIT_MS);
  }

  /** Publishes and waits for the broker's acknowledgement (QoS 1 and 2) or the send (QoS 0). */
  public void publish(String topic, byte[] payload, int qos, boolean retained)
      throws MqttException {
    client.publish(topic, payload, qos, retained).waitForCompletion(WAIT_MS);
  }

  /** Publishes a message with properties of its own, such as user properties. */
  public void publish(String topic, MqttMessage message) throws MqttException {
    client.publish(topic, message).waitForCompletion(WAIT_MS);
  }

  /** An empty retained message at QoS 1: the broker forgets what the topic retained. */
  public void clearRetained(String topic) throws MqttException {
    publish(topic, new byte[0], 1, true);
  }

  /** After the broker came back: resumes the session, retrying until the broker answers. */
  public void reconnect() {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
      if (client.isConnected()) {
        return true;
      }
      try {
        client.connect(options).waitForCompletion(WAIT_MS);
      } catch (MqttException e) {
        return false;
      }
      return client.isConnected();
    });
  }

  /** The Receive Maximum the broker announced, seen independently of the code under test. */
  public int brokerReceiveMaximum() {
    return brokerReceiveMaximum;
  }

  @Override
  public void close() throws MqttException {
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(5_000);
      }
    } finally {
      // Forced: a reconnecting client may be between two attempts.
      client.close(true);
    }
  }

  /** A test client only receives: every other event is of no interest to it. */
  private record Callback(Handler handler) implements MqttCallback {

    @Override
    public void messageArrived(String topic, MqttMessage message) throws Exception {
      handler.arrived(topic, message);
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {}

    @Override
    public void mqttErrorOccurred(MqttException exception) {}

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
