package io.floorgate.broker;

import io.floorgate.config.BrokerConfig;
import io.floorgate.config.MqttProtocol;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An MQTT 5 client (Paho mqttv5): the broker's limits from its CONNACK, user properties. */
final class V5Client implements BrokerClient, MqttCallback {

  /** MQTT 5 DISCONNECT reason 0x04: the broker publishes the Will anyway. */
  private static final int DISCONNECT_WITH_WILL = 0x04;
  private static final Logger LOG = LoggerFactory.getLogger(V5Client.class);

  private final MqttAsyncClient client;
  private final BrokerConfig config;
  private final @Nullable SocketFactory tls;
  private static final int SESSION_TAKEN_OVER = 0x8E;
  private final Events events;

  V5Client(String url, BrokerConfig config, @Nullable SocketFactory tls, Events events)
      throws MqttException {
    this.client = new MqttAsyncClient(url, config.clientId(), new MemoryPersistence());
    this.config = config;
    this.tls = tls;
    this.events = events;
    client.setCallback(this);
  }

  @Override
  public MqttProtocol protocol() {
    return MqttProtocol.V5;
  }

  @Override
  public CompletableFuture<Connack> connect(List<String> urls, @Nullable Will will,
      int receiveMaximum) throws Refused {
    MqttConnectionOptions options = options(config, tls, urls, will, receiveMaximum);
    CompletableFuture<Connack> done = new CompletableFuture<>();
    try {
      client.connect(options, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          MqttProperties connack = token.getResponseProperties();
          done.complete(new Connack(MqttProtocol.V5, BrokerConnection.receiveMaximum(connack),
              BrokerConnection.maxPacketBytes(connack)));
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

  /**
   * Options for one CONNECT to {@code urls} (Paho tries them in order and stops at the first that
   * answers): clean start, no session (nothing for the broker to keep for us), no automatic
   * reconnect, the lane's keep-alive, timeout, credentials and TLS with host name verification.
   */
  static MqttConnectionOptions options(BrokerConfig config, @Nullable SocketFactory tls,
      List<String> urls, @Nullable Will will, int receiveMaximum) {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setSessionExpiryInterval(0L);
    options.setAutomaticReconnect(false);
    options.setKeepAliveInterval((int) config.keepAlive().toSeconds());
    options.setConnectionTimeout((int) Math.max(1, config.connectTimeout().toSeconds()));
    options.setServerURIs(urls.toArray(String[]::new));
    if (tls != null) {
      options.setSocketFactory(tls);
    }
    // The broker's certificate must name the host we dial (Paho's default; stated, not assumed).
    options.setHttpsHostnameVerificationEnabled(true);
    if (config.username() != null) {
      options.setUserName(config.username());
    }
    if (config.password() != null) {
      options.setPassword(config.password().getBytes(StandardCharsets.UTF_8));
    }
    if (will != null) {
      MqttMessage message = new MqttMessage(will.payload());
      message.setQos(will.qos());
      message.setRetained(will.retained());
      options.setWill(will.topic(), message);
    }
    if (receiveMaximum > 0) {
      options.setReceiveMaximum(receiveMaximum);
    }
    return options;
  }

  @Override
  public void publish(String topic, byte[] payload, int qos, boolean retained,
      Map<String, String> userProperties, @Nullable Object context, Completion done)
      throws Refused {
    MqttProperties properties = new MqttProperties();
    if (!userProperties.isEmpty()) {
      List<UserProperty> list = new ArrayList<>(userProperties.size());
      userProperties.forEach((k, v) -> list.add(new UserProperty(k, v)));
      properties.setUserProperties(list);
    }
    try {
      client.publish(topic, new MqttMessage(payload, qos, retained, properties), context,
          new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
              int[] codes = token.getReasonCodes();
              done.delivered(topic, context, codes == null || codes.length == 0 ? 0 : codes[0]);
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
      client.subscribe(filters, levels, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          int[] codes = token.getReasonCodes();
          done.complete(codes == null ? new int[0] : codes);
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
    try {
      if (client.isConnected()) {
        client.disconnect(timeoutMs / 2, null, null, withWill ? DISCONNECT_WITH_WILL : 0,
            new MqttProperties()).waitForCompletion(timeoutMs);
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
      // A connect still in progress; cut it so its threads end with us.
      try {
        client.disconnectForcibly(0, 1_000, false);
        client.close(true);
      } catch (MqttException again) {
        LOG.debug("MQTT client for {} did not close cleanly: {}", serverUri(), again.toString());
      }
    }
  }

  @Override
  public void disconnected(MqttDisconnectResponse response) {
    String reason = ConnectFailures.lost(response, config);
    // Paho puts the broker's DISCONNECT reason in the response, or in its exception.
    if (response.getReturnCode() == SESSION_TAKEN_OVER || (response.getException() != null
        && response.getException().getReasonCode() == SESSION_TAKEN_OVER)) {
      events.takenOver(reason);
    } else {
      events.lost(reason);
    }
  }

  @Override
  public void mqttErrorOccurred(MqttException exception) {
    LOG.warn("MQTT error on the connection to {}: {}", serverUri(), exception.toString());
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    events.message(topic, message.getPayload());
  }

  @Override
  public void deliveryComplete(IMqttToken token) {
    // Each publish's own listener hears of it.
  }

  @Override
  public void connectComplete(boolean reconnect, String serverUri) {
    // The connect's future carries the CONNACK.
  }

  @Override
  public void authPacketArrived(int reasonCode, MqttProperties properties) {
    // No enhanced authentication.
  }
}
