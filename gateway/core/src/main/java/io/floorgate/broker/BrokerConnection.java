package io.floorgate.broker;

import io.floorgate.config.BrokerConfig;
import io.floorgate.config.MqttProtocol;
import io.floorgate.config.TlsConfig;
import io.floorgate.driver.Backoff;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.jspecify.annotations.Nullable;

/**
 * How one lane (UNS telemetry, Sparkplug, alarms) connects to its brokers: the only place that
 * builds clients ({@link BrokerClient}, MQTT 5 or 3.1.1) and their connect options, so TLS, the
 * URL list, credentials, clean start, keep-alive and the protocol version mean the same on every
 * lane, and every lane backs off and explains failures alike.
 *
 * <p>A lane reconnects on a thread of its own, never with Paho's automatic reconnect: Paho does
 * not retry a first connect that fails, does not hand the CONNACK of its own reconnects to the
 * application (so the broker's Receive Maximum could not be re-read), reuses the first Will (wrong
 * for Sparkplug's bdSeq), and keeps its retry delay in a static field shared by every client in
 * the JVM.
 */
public final class BrokerConnection {

  /** The broker's Receive Maximum when its CONNACK does not state one (MQTT 5, 3.2.2.3.3). */
  public static final int DEFAULT_RECEIVE_MAXIMUM = 65_535;
  /** A limit MQTT 3.1.1 brokers do not state: the lane's own ceiling rules alone. */
  public static final int UNKNOWN_LIMIT = Integer.MAX_VALUE;
  public static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

  private final String lane;
  private final BrokerConfig config;
  private final @Nullable SocketFactory tls;
  private final Backoff backoff;
  private final ProtocolChoice versions;

  /**
   * @param lane what the connection is for, in log lines: "UNS", "Sparkplug", "alarm"
   * @throws IllegalArgumentException when the TLS files cannot be used (the message names them)
   */
  public BrokerConnection(String lane, BrokerConfig config) {
    this(lane, config, BACKOFF);
  }

  public BrokerConnection(String lane, BrokerConfig config, Backoff backoff) {
    this.lane = Objects.requireNonNull(lane, "lane");
    this.config = Objects.requireNonNull(config, "config");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    TlsConfig tlsConfig = config.tls();
    this.tls = tlsConfig == null ? null : TlsSockets.of(tlsConfig);
    this.versions = new ProtocolChoice(lane, config);
  }

  public String lane() {
    return lane;
  }

  public BrokerConfig config() {
    return config;
  }

  public String clientId() {
    return config.clientId();
  }

  public List<String> urls() {
    return config.urls();
  }

  /**
   * A new client for {@code url} (the connect may list more brokers to try after it), speaking
   * the version this lane uses now: {@code protocol: 5} or {@code 3.1.1} as configured; under
   * {@code auto} MQTT 5 until a broker refused it, then 3.1.1.
   *
   * @throws IllegalArgumentException for a URL Paho cannot use
   */
  public BrokerClient client(String url, BrokerClient.Events events) {
    try {
      return protocol() == MqttProtocol.V3_1_1 ? new V3Client(url, config, tls, events)
          : new V5Client(url, config, tls, events);
    } catch (org.eclipse.paho.mqttv5.common.MqttException
        | org.eclipse.paho.client.mqttv3.MqttException | IllegalArgumentException e) {
      throw new IllegalArgumentException(lane + " broker URL '" + url + "' cannot be used: "
          + e.getMessage() + "; write it as tcp://host:1883 or ssl://host:8883", e);
    }
  }

  /** The TLS sockets every client of this lane uses; null for Paho's default. */
  @Nullable SocketFactory tls() {
    return tls;
  }

  /** The version the next connect speaks. */
  public MqttProtocol protocol() {
    return versions.next();
  }

  /**
   * Judges a failed connect under {@code protocol: auto}: true when the broker refused MQTT 5 as
   * an unsupported version (or hung up on its CONNECT) and the next attempt, made at once, is to
   * speak 3.1.1. Called on the lane's own thread.
   */
  public boolean retryWith311(MqttProtocol tried, @Nullable Throwable cause) {
    return versions.failed(tried, cause);
  }

  /** Notes a connection that is up; the first 3.1.1 one is logged with what it lacks. */
  public void connected(BrokerClient.Connack connack, String serverUri) {
    versions.connected(connack.protocol(), serverUri);
  }

  /** How long to wait after the {@code failures}-th failed attempt in a row. */
  public Duration retryDelay(int failures) {
    return backoff.next(failures);
  }

  /**
   * The log line of a failed attempt: which lane, brokers and client, why, when the next attempt
   * is, and what to check.
   *
   * @param waiting what waits meanwhile, e.g. "412 readings wait in the buffer …"; may be empty
   */
  public String unreachable(List<String> urls, @Nullable Throwable cause, Duration next,
      String waiting) {
    return "MQTT " + lane + " connection: broker " + String.join(", ", urls)
        + " not reachable as client " + config.clientId() + ": " + ConnectFailures.describe(cause)
        + "; " + (waiting.isEmpty() ? "" : waiting + ", ") + "next attempt in "
        + Backoff.humanize(next) + ". " + ConnectFailures.advice(cause, config);
  }

  /** What to check after a failed attempt, alone (for lanes that phrase the rest themselves). */
  public String advice(@Nullable Throwable cause) {
    return ConnectFailures.advice(cause, config);
  }

  public static String describe(@Nullable Throwable cause) {
    return ConnectFailures.describe(cause);
  }

  /** The broker's Receive Maximum from its CONNACK. */
  public static int receiveMaximum(@Nullable MqttProperties connack) {
    Integer value = connack == null ? null : connack.getReceiveMaximum();
    return value == null || value <= 0 ? DEFAULT_RECEIVE_MAXIMUM : value;
  }

  /** The broker's Maximum Packet Size from its CONNACK; unlimited when it states none. */
  public static long maxPacketBytes(@Nullable MqttProperties connack) {
    Long value = connack == null ? null : connack.getMaximumPacketSize();
    return value == null || value <= 0 ? Long.MAX_VALUE : value;
  }
}
