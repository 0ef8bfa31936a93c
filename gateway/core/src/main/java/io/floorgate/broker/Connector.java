package io.floorgate.broker;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connect attempt of a lane that has a sender thread of its own (UNS, alarms), to the lane's
 * brokers in order, waited for on that thread (never on Paho's) in slices short enough to notice a
 * stop request. The CONNACK's Receive Maximum and Maximum Packet Size are what the attempt is for,
 * besides the connection itself.
 */
public final class Connector {

  private static final long SLICE_MILLIS = 100;
  /** Paho gives up after the connect timeout itself; the margin only guards against it not. */
  private static final long MARGIN_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final Logger LOG = LoggerFactory.getLogger(Connector.class);

  public enum Result { CONNECTED, FAILED, BUSY, STOPPED }

  /**
   * @param result         what happened
   * @param receiveMaximum the broker's Receive Maximum, when connected
   * @param cause          why not, when failed
   * @param maxPacketBytes the broker's Maximum Packet Size, when connected (unlimited when it
   *                       states none)
   */
  public record Attempt(Result result, int receiveMaximum, @Nullable Throwable cause,
      long maxPacketBytes) {
    static Attempt of(Result result, @Nullable Throwable cause) {
      return new Attempt(result, 0, cause, Long.MAX_VALUE);
    }
  }

  private final BrokerConnection connection;
  private final MqttAsyncClient client;
  private final BooleanSupplier stopping;

  public Connector(BrokerConnection connection, MqttAsyncClient client, BooleanSupplier stopping) {
    this.connection = connection;
    this.client = client;
    this.stopping = stopping;
  }

  public Attempt connect() throws InterruptedException {
    dropOrphanedConnection();
    CompletableFuture<IMqttToken> done = new CompletableFuture<>();
    try {
      client.connect(connection.options(connection.urls(), null), null,
          new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
              done.complete(token);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable cause) {
              done.completeExceptionally(cause);
            }
          });
      long deadline = System.nanoTime() + connection.config().connectTimeout().toNanos()
          * connection.urls().size() + MARGIN_NANOS;
      while (!stopping.getAsBoolean()) {
        try {
          IMqttToken token = done.get(SLICE_MILLIS, TimeUnit.MILLISECONDS);
          MqttProperties connack = token.getResponseProperties();
          return new Attempt(Result.CONNECTED, BrokerConnection.receiveMaximum(connack), null,
              BrokerConnection.maxPacketBytes(connack));
        } catch (TimeoutException e) {
          if (System.nanoTime() - deadline > 0) {
            return Attempt.of(Result.FAILED, new TimeoutException("no CONNACK within "
                + connection.config().connectTimeout()));
          }
        }
      }
      return Attempt.of(Result.STOPPED, null);
    } catch (MqttException e) {
      if (e.getReasonCode() == MqttClientException.REASON_CODE_CLIENT_DISCONNECTING
          || e.getReasonCode() == MqttClientException.REASON_CODE_CONNECT_IN_PROGRESS) {
        // Paho is still tearing the last connection down; that takes milliseconds.
        return Attempt.of(Result.BUSY, e);
      }
      return Attempt.of(Result.FAILED, e);
    } catch (ExecutionException e) {
      return Attempt.of(Result.FAILED, e.getCause());
    } catch (RuntimeException e) {
      return Attempt.of(Result.FAILED, e);
    }
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
        LOG.debug("dropping the unconfirmed MQTT {} connection: {}", connection.lane(),
            e.toString());
      }
    }
  }
}
