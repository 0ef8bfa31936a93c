package io.floorgate.broker;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The connect attempts of a lane that has a sender thread of its own (UNS, alarms), to the lane's
 * brokers in order, waited for on that thread (never on the client library's) in slices short
 * enough to notice a stop request. The CONNACK's Receive Maximum and Maximum Packet Size are what
 * the attempt is for, besides the connection itself.
 *
 * <p>The connector owns the lane's client: when the lane's version changes (a broker refused
 * MQTT 5 under {@code protocol: auto}), it closes the old client on this thread and makes a
 * 3.1.1 one, and tries again at once.
 */
public final class Connector {

  private static final long SLICE_MILLIS = 100;
  /** Paho gives up after the connect timeout itself; the margin only guards against it not. */
  private static final long MARGIN_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final int CLIENT_DISCONNECTING = 32102;
  private static final int CONNECT_IN_PROGRESS = 32110;

  public enum Result { CONNECTED, FAILED, BUSY, STOPPED }

  /**
   * @param result         what happened
   * @param receiveMaximum the broker's Receive Maximum, when connected
   *                       ({@link BrokerConnection#UNKNOWN_LIMIT} on 3.1.1)
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
  private final BrokerClient.Events events;
  private final BooleanSupplier stopping;
  private volatile BrokerClient client;

  /**
   * @throws IllegalArgumentException for a broker URL that cannot be used
   */
  public Connector(BrokerConnection connection, BrokerClient.Events events,
      BooleanSupplier stopping) {
    this.connection = connection;
    this.events = events;
    this.stopping = stopping;
    this.client = connection.client(connection.urls().get(0), events);
  }

  /** The lane's client now; a new one after a change of version. */
  public BrokerClient client() {
    return client;
  }

  public Attempt connect() throws InterruptedException {
    Attempt attempt = attempt();
    if (attempt.result() == Result.FAILED
        && connection.retryWith311(client.protocol(), attempt.cause())
        && !stopping.getAsBoolean()) {
      attempt = attempt();
      if (attempt.result() == Result.FAILED) {
        connection.retryWith311(client.protocol(), attempt.cause());
      }
    }
    if (attempt.result() == Result.CONNECTED) {
      connection.connected(new BrokerClient.Connack(client.protocol(), attempt.receiveMaximum(),
          attempt.maxPacketBytes()), client.serverUri());
    }
    return attempt;
  }

  private Attempt attempt() throws InterruptedException {
    BrokerClient current = client;
    if (current.protocol() != connection.protocol()) {
      current.close();
      current = connection.client(connection.urls().get(0), events);
      client = current;
    } else if (current.isConnected()) {
      // A connect we stopped waiting for may still have succeeded; its CONNACK (and so the
      // broker's Receive Maximum) is unknown to us, so it is closed and made again.
      current.close();
      current = connection.client(connection.urls().get(0), events);
      client = current;
    }
    try {
      CompletableFuture<BrokerClient.Connack> done =
          current.connect(connection.urls(), null, 0);
      long deadline = System.nanoTime() + connection.config().connectTimeout().toNanos()
          * connection.urls().size() + MARGIN_NANOS;
      while (!stopping.getAsBoolean()) {
        try {
          BrokerClient.Connack connack = done.get(SLICE_MILLIS, TimeUnit.MILLISECONDS);
          return new Attempt(Result.CONNECTED, connack.receiveMaximum(), null,
              connack.maxPacketBytes());
        } catch (TimeoutException e) {
          if (System.nanoTime() - deadline > 0) {
            return Attempt.of(Result.FAILED, new TimeoutException("no CONNACK within "
                + connection.config().connectTimeout()));
          }
        }
      }
      return Attempt.of(Result.STOPPED, null);
    } catch (BrokerClient.Refused e) {
      if (e.code() == CLIENT_DISCONNECTING || e.code() == CONNECT_IN_PROGRESS) {
        // Paho is still tearing the last connection down; that takes milliseconds.
        return Attempt.of(Result.BUSY, e.getCause());
      }
      return Attempt.of(Result.FAILED, e.getCause());
    } catch (ExecutionException e) {
      return Attempt.of(Result.FAILED, e.getCause());
    } catch (RuntimeException e) {
      return Attempt.of(Result.FAILED, e);
    }
  }
}
