package io.floorgate.broker;

import io.floorgate.config.BrokerConfig;
import io.floorgate.config.MqttProtocol;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT 3.1.1 client (Paho mqttv3) for brokers that refuse MQTT 5. What 3.1.1 lacks is simply
 * not there: no user properties (dropped), no Receive Maximum or Maximum Packet Size from the
 * broker (the lane's own ceiling rules), no reason codes in acknowledgements, no DISCONNECT
 * with Will.
 */
final class V3Client implements BrokerClient, MqttCallback {

  /**
   * Paho's own limit of publishes in progress (its default is 10); the lane's window is the
   * real limit, so this only has to stay out of its way.
   */
  private static final int PAHO_MAX_INFLIGHT = 65_535;
  private static final Logger LOG = LoggerFactory.getLogger(V3Client.class);

  private final MqttAsyncClient client;
  private final BrokerConfig config;
  private final @Nullable SocketFactory tls;
  private final Events events;

  V3Client(String url, BrokerConfig config, @Nullable SocketFactory tls, Events events)
      throws MqttException {
    this.client = new MqttAsyncClient(url, config.clientId(), new MemoryPersistence());
    this.config = config;
    this.tls = tls;
    this.events = events;
    client.setCallback(this);
  }

  @Override
  public MqttProtocol protocol() {
    return MqttProtocol.V3_1_1;
  }

  @Override
  public CompletableFuture<Connack> connect(List<String> urls, @Nullable Will will,
      int receiveMaximum) throws Refused {
    MqttConnectOptions options = options(config, tls, urls, will);
    CompletableFuture<Connack> done = new CompletableFuture<>();
    try {
      client.connect(options, null, new IMqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          done.complete(new Connack(MqttProtocol.V3_1_1, BrokerConnection.UNKNOWN_LIMIT,
              Long.MAX_VALUE));
        }

        @Override
        public void onFailure(IMqttToken token, Throwable cause) {
          done.completeExceptionally(cause);
        }
      });
    } catch (MqttException e) {
      throw new Refused(e, e.getReasonCode());
    }
    return done;
  }

  /** Options for one MQTT 3.1.1 CONNECT: as MQTT 5's, without what 3.1.1 lacks. */
  static MqttConnectOptions options(BrokerConfig config, @Nullable SocketFactory tls,
      List<String> urls, @Nullable Will will) {
    MqttConnectOptions options = new MqttConnectOptions();
    // 3.1.1 exactly: Paho's default would fall back further to 3.1 and blur the error.
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    options.setCleanSession(true);
    options.setAutomaticReconnect(false);
    options.setMaxInflight(PAHO_MAX_INFLIGHT);
    options.setKeepAliveInterval((int) config.keepAlive().toSeconds());
    options.setConnectionTimeout((int) Math.max(1, config.connectTimeout().toSeconds()));
    options.setServerURIs(urls.toArray(String[]::new));
    if (tls != null) {
      options.setSocketFactory(tls);
    }
    options.setHttpsHostnameVerificationEnabled(true);
    if (config.username() != null) {
      options.setUserName(config.username());
    }
    if (config.password() != null) {
      options.setPassword(config.password().toCharArray());
    }
    if (will != null) {
      options.setWill(will.topic(), will.payload(), will.qos(), will.retained());
    }
    return options;
  }

  @Override
  public void publish(String topic, byte[] payload, int qos, boolean retained,
      Map<String, String> userProperties, @Nullable Object context, Completion done)
      throws Refused {
    MqttMessage message = new MqttMessage(payload);
    message.setQos(qos);
    message.setRetained(retained);
    try {
      client.publish(topic, message, context, new IMqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          done.delivered(topic, context, 0);
        }

        @Override
        public void onFailure(IMqttToken token, Throwable cause) {
          done.failed(topic, context, cause);
        }
      });
    } catch (MqttException e) {
      throw new Refused(e, e.getReasonCode());
    }
  }

  @Override
  public CompletableFuture<int[]> subscribe(String[] filters, int qos) throws Refused {
    int[] levels = new int[filters.length];
    java.util.Arrays.fill(levels, qos);
    CompletableFuture<int[]> done = new CompletableFuture<>();
    try {
      client.subscribe(filters, levels, null, new IMqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          // 3.1.1 SUBACK: the granted QoS per filter, 0x80 for a refusal (as MQTT 5's codes).
          int[] granted = token.getGrantedQos();
          done.complete(granted == null ? new int[0] : granted);
        }

        @Override
        public void onFailure(IMqttToken token, Throwable cause) {
          done.completeExceptionally(cause);
        }
      });
    } catch (MqttException e) {
      throw new Refused(e, e.getReasonCode());
    }
    return done;
  }

  @Override
  public boolean isConnected() {
    return client.isConnected();
  }

  @Override
  public String serverUri() {
    String uri = client.getCurrentServerURI();
    return uri == null ? client.getServerURI() : uri;
  }

  @Override
  public void disconnect(long timeoutMs, boolean withWill) {
    // 3.1.1 has no DISCONNECT that keeps the Will: the broker discards it on a clean DISCONNECT.
    try {
      if (client.isConnected()) {
        client.disconnect(timeoutMs / 2).waitForCompletion(timeoutMs);
      }
    } catch (MqttException e) {
      LOG.debug("MQTT DISCONNECT from {} did not complete: {}", serverUri(), e.toString());
    }
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnectForcibly(0, 1_000, false);
      }
      client.close(true);
    } catch (MqttException e) {
      try {
        client.disconnectForcibly(0, 1_000, false);
        client.close(true);
      } catch (MqttException again) {
        LOG.debug("MQTT client for {} did not close cleanly: {}", serverUri(), again.toString());
      }
    }
  }

  @Override
  public void connectionLost(Throwable cause) {
    events.lost(ConnectFailures.describe(cause));
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    events.message(topic, message.getPayload());
  }

  @Override
  public void deliveryComplete(IMqttDeliveryToken token) {
    // Each publish's own listener hears of it.
  }
}
