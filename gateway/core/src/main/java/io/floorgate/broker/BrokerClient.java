package io.floorgate.broker;

import io.floorgate.config.MqttProtocol;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One MQTT client of a lane, whichever version it speaks: the lanes publish, subscribe and
 * disconnect through this and never see Paho's MQTT 5 or 3.1.1 types, so the choice of version
 * ({@code protocol: 5 | 3.1.1 | auto}) stays inside {@link BrokerConnection}. Made by
 * {@link BrokerConnection#client(String, Events)}; one client per CONNECT or per lane, as the lane
 * needs.
 *
 * <p>Callbacks ({@link Events}, {@link Completion}, the futures) run on the library's threads:
 * they only count, release and hand over, never block.
 */
public interface BrokerClient {

  /** Paho's "too many publishes in progress" (the same code in both versions). */
  int MAX_IN_FLIGHT = 32202;

  /** What happens on a connection that was up. */
  interface Events {
    /** The connection ended without this side asking; {@code reason} is in words. */
    void lost(String reason);

    /**
     * The broker ended the connection because another client connected with the same client id
     * (MQTT 5 reason 0x8E, session taken over).
     */
    default void takenOver(String reason) {
      lost(reason);
    }

    /** A message on a subscribed topic. */
    default void message(String topic, byte[] payload) {}
  }

  /** The end of one publish. */
  interface Completion {
    /**
     * Written out (QoS 0) or acknowledged (QoS 1).
     *
     * @param reasonCode the PUBACK's MQTT 5 reason code; 0 on MQTT 3.1.1, which has none
     */
    void delivered(String topic, @Nullable Object context, int reasonCode);

    void failed(String topic, @Nullable Object context, Throwable cause);
  }

  /**
   * What the broker's CONNACK said.
   *
   * @param protocol       the version of this connection
   * @param receiveMaximum the broker's Receive Maximum; {@link BrokerConnection#UNKNOWN_LIMIT} on
   *                       3.1.1, which does not state one (the lane's own ceiling then rules)
   * @param maxPacketBytes the broker's Maximum Packet Size; {@link Long#MAX_VALUE} when unstated
   */
  record Connack(MqttProtocol protocol, int receiveMaximum, long maxPacketBytes) {}

  /** A publish or subscribe the client did not take; {@code code} is Paho's reason code. */
  final class Refused extends Exception {
    private final int code;

    public Refused(Throwable cause, int code) {
      super(cause.toString(), cause);
      this.code = code;
    }

    /** Paho's own in-flight limit: room comes back within moments. */
    public boolean inFlightFull() {
      return code == MAX_IN_FLIGHT;
    }

    public int code() {
      return code;
    }
  }

  /** {@link MqttProtocol#V5} or {@link MqttProtocol#V3_1_1}. */
  MqttProtocol protocol();

  /**
   * Starts a CONNECT to {@code urls}, tried in order, with clean start, the lane's keep-alive,
   * credentials and TLS, and {@code will} when given.
   *
   * @param receiveMaximum what this side accepts unacknowledged (MQTT 5); 0 for the default
   * @return completes with the CONNACK, or exceptionally with the library's exception
   * @throws Refused when the client is still busy with the last connection (retry in a moment)
   */
  CompletableFuture<Connack> connect(List<String> urls, @Nullable Will will, int receiveMaximum)
      throws Refused;

  /**
   * Hands a publish over; {@code done} hears of its end.
   *
   * @param userProperties MQTT 5 user properties; dropped on 3.1.1
   * @throws Refused when the client refuses it at once (e.g. {@link Refused#inFlightFull()}, or
   *                 not connected)
   * @throws IllegalArgumentException for a topic MQTT does not allow
   */
  void publish(String topic, byte[] payload, int qos, boolean retained,
      Map<String, String> userProperties, @Nullable Object context, Completion done)
      throws Refused;

  /**
   * Subscribes every filter at {@code qos}.
   *
   * @return completes with a granted QoS or reason code per filter (from 0x80 a refusal)
   */
  CompletableFuture<int[]> subscribe(String[] filters, int qos) throws Refused;

  boolean isConnected();

  /** The broker this client is or was last connected to. */
  String serverUri();

  /**
   * Sends DISCONNECT and waits for it at most {@code timeoutMs}.
   *
   * @param withWill ask the broker to publish the Will anyway (MQTT 5 reason 0x04); 3.1.1 has no
   *                 way to, so a lane that needs the Will's message publishes it itself first
   */
  void disconnect(long timeoutMs, boolean withWill);

  /** Drops the connection without DISCONNECT, if any, and ends the client's threads. */
  void close();
}
