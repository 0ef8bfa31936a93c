package io.floorgate.mqtt;

import io.floorgate.config.MqttConfig;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT 5 connect attempt of the telemetry client, waited for on the sender thread (never on
 * Paho's) in slices short enough to notice a stop request. The CONNACK's Receive Maximum is what
 * the attempt is for, besides the connection itself.
 */
final class Connector {

  /** The broker's Receive Maximum when its CONNACK does not state one (MQTT 5, 3.2.2.3.3). */
  static final int DEFAULT_RECEIVE_MAXIMUM = 65_535;
  private static final long SLICE_MILLIS = 100;
  /** Paho gives up after the connect timeout itself; the margin only guards against it not. */
  private static final long MARGIN_NANOS = TimeUnit.SECONDS.toNanos(5);

  private static final Logger LOG = LoggerFactory.getLogger(MqttPublisher.class);

  enum Result { CONNECTED, FAILED, BUSY, STOPPED }

  /**
   * @param result         what happened
   * @param receiveMaximum the broker's Receive Maximum, when connected
   * @param cause          why not, when failed
   * @param maxPacketBytes the broker's Maximum Packet Size, when connected (unlimited when it
   *                       states none)
   */
  record Attempt(Result result, int receiveMaximum, @Nullable Throwable cause,
      long maxPacketBytes) {
    Attempt(Result result, int receiveMaximum, @Nullable Throwable cause) {
      this(result, receiveMaximum, cause, Long.MAX_VALUE);
    }
  }

  private final MqttAsyncClient client;
  private final MqttConfig config;
  private final @Nullable SocketFactory tls;
  private final BooleanSupplier stopping;

  /** @param tls TLS sockets from {@code mqtt.tls}, or null for Paho's default */
  Connector(MqttAsyncClient client, MqttConfig config, @Nullable SocketFactory tls,
      BooleanSupplier stopping) {
    this.client = client;
    this.config = config;
    this.tls = tls;
    this.stopping = stopping;
  }

  Attempt connect() throws InterruptedException {
    dropOrphanedConnection();
    CompletableFuture<IMqttToken> done = new CompletableFuture<>();
    try {
      client.connect(options(), null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          done.complete(token);
        }

        @Override
        public void onFailure(IMqttToken token, Throwable cause) {
          done.completeExceptionally(cause);
        }
      });
      long deadline = System.nanoTime() + config.connectTimeout().toNanos() + MARGIN_NANOS;
      while (!stopping.getAsBoolean()) {
        try {
          IMqttToken token = done.get(SLICE_MILLIS, TimeUnit.MILLISECONDS);
          MqttProperties connack = token.getResponseProperties();
          return new Attempt(Result.CONNECTED, receiveMaximum(connack), null,
              maxPacketBytes(connack));
        } catch (TimeoutException e) {
          if (System.nanoTime() - deadline > 0) {
            return failed(new TimeoutException("no CONNACK within " + config.connectTimeout()));
          }
        }
      }
      return new Attempt(Result.STOPPED, 0, null);
    } catch (MqttException e) {
      if (e.getReasonCode() == MqttClientException.REASON_CODE_CLIENT_DISCONNECTING
          || e.getReasonCode() == MqttClientException.REASON_CODE_CONNECT_IN_PROGRESS) {
        // Paho is still tearing the last connection down; that takes milliseconds.
        return new Attempt(Result.BUSY, 0, e);
      }
      return failed(e);
    } catch (ExecutionException e) {
      return failed(e.getCause());
    } catch (RuntimeException e) {
      return failed(e);
    }
  }

  static int receiveMaximum(@Nullable MqttProperties connack) {
    Integer value = connack == null ? null : connack.getReceiveMaximum();
    return value == null || value <= 0 ? DEFAULT_RECEIVE_MAXIMUM : value;
  }

  static long maxPacketBytes(@Nullable MqttProperties connack) {
    Long value = connack == null ? null : connack.getMaximumPacketSize();
    return value == null || value <= 0 ? Long.MAX_VALUE : value;
  }

  private static Attempt failed(@Nullable Throwable cause) {
    return new Attempt(Result.FAILED, 0, cause);
  }

  /**
   * A connect we stopped waiting for may still have succeeded; its CONNACK (and so the broker's
   * Receive Maximum) is unknown to us, so it is closed and made again.
   */
  private void dropOrphanedConnection() {
    if (client.isConnected()) {
      try {
        client.disconnectForcibly(0, 1_000, false);
      } catch (MqttException e) {
        LOG.debug("dropping the unconfirmed MQTT connection to {}: {}", config.url(), e.toString());
      }
    }
  }

  private MqttConnectionOptions options() {
    MqttConnectionOptions options = new MqttConnectionOptions();
    // Telemetry is live data: no broker session to resume, nothing for it to keep for us.
    options.setCleanStart(true);
    options.setSessionExpiryInterval(0L);
    options.setAutomaticReconnect(false);
    options.setConnectionTimeout((int) Math.max(1, config.connectTimeout().toSeconds()));
    // Paho tries the brokers in this order on every connect and stops at the first that answers.
    options.setServerURIs(config.urls().toArray(String[]::new));
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
    return options;
  }
}
