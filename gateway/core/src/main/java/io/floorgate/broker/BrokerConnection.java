package io.floorgate.broker;

import io.floorgate.config.BrokerConfig;
import io.floorgate.config.TlsConfig;
import io.floorgate.driver.Backoff;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.jspecify.annotations.Nullable;

/**
 * How one lane (UNS telemetry, Sparkplug, alarms) connects to its brokers: the only place that
 * builds Paho clients and connect options, so TLS, the URL list, credentials, clean start and
 * keep-alive mean the same on every lane, and every lane backs off and explains failures alike.
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
  public static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

  private final String lane;
  private final BrokerConfig config;
  private final @Nullable SocketFactory tls;
  private final Backoff backoff;

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

  /** A new client for {@code url} (the options may list more brokers to try after it). */
  public MqttAsyncClient client(String url) {
    try {
      return new MqttAsyncClient(url, config.clientId(), new MemoryPersistence());
    } catch (MqttException | IllegalArgumentException e) {
      throw new IllegalArgumentException(lane + " broker URL '" + url + "' cannot be used: "
          + e.getMessage() + "; write it as tcp://host:1883 or ssl://host:8883", e);
    }
  }

  /**
   * Options for one CONNECT to {@code urls} (Paho tries them in order and stops at the first that
   * answers): clean start, no session (nothing for the broker to keep for us), no automatic
   * reconnect, the lane's keep-alive, timeout, credentials and TLS with host name verification.
   */
  public MqttConnectionOptions options(List<String> urls, @Nullable Will will) {
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
    return options;
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

  /** Why a connection that was up ended, reason codes in words. */
  public String lostReason(MqttDisconnectResponse response) {
    return ConnectFailures.lost(response, config);
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
