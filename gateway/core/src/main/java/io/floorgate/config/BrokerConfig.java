package io.floorgate.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How one MQTT lane reaches its broker: the telemetry (UNS), Sparkplug and alarm lanes each have
 * one. Everything comes from {@code mqtt:}; a lane's own section may name its own brokers, client
 * id and credentials ({@code sparkplug.brokers}, {@code alarms.urls}, {@code …clientId},
 * {@code …username}, {@code …password}), and inherits TLS, keep-alive and the connect timeout.
 *
 * @param urls           broker URLs, tried in order: {@code tcp://}, {@code ssl://}, {@code ws://}
 *                       or {@code wss://}; at least one
 * @param clientId       the lane's MQTT client id; unique on the broker
 * @param username       optional user name
 * @param password       optional password; never logged
 * @param tls            how to verify the broker and present a client certificate, or null for
 *                       the JVM's default trust store (an {@code ssl://} broker is still verified)
 * @param keepAlive      MQTT keep-alive
 * @param connectTimeout how long one connect attempt may take
 * @param protocol       which MQTT version to speak; {@code auto} falls back to 3.1.1 when the
 *                       broker refuses 5
 * @param reconnect      the waits between failed connects ({@code mqtt.reconnect})
 */
public record BrokerConfig(
    List<String> urls,
    String clientId,
    @Nullable String username,
    @Nullable String password,
    @Nullable TlsConfig tls,
    Duration keepAlive,
    Duration connectTimeout,
    MqttProtocol protocol,
    ReconnectConfig reconnect) {

  public BrokerConfig {
    urls = List.copyOf(urls);
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("urls: at least one broker URL is needed");
    }
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(keepAlive, "keepAlive");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(reconnect, "reconnect");
  }

  /** With the default reconnect waits. */
  public BrokerConfig(List<String> urls, String clientId, @Nullable String username,
      @Nullable String password, @Nullable TlsConfig tls, Duration keepAlive,
      Duration connectTimeout, MqttProtocol protocol) {
    this(urls, clientId, username, password, tls, keepAlive, connectTimeout, protocol,
        ReconnectConfig.defaults());
  }

  /** Speaking MQTT 5, falling back to 3.1.1 ({@code protocol: auto}). */
  public BrokerConfig(List<String> urls, String clientId, @Nullable String username,
      @Nullable String password, @Nullable TlsConfig tls, Duration keepAlive,
      Duration connectTimeout) {
    this(urls, clientId, username, password, tls, keepAlive, connectTimeout, MqttProtocol.AUTO);
  }

  /** The same connection settings towards other brokers, as another client, with other credentials. */
  public BrokerConfig lane(List<String> urls, String clientId, @Nullable String username,
      @Nullable String password) {
    return lane(urls, clientId, username, password, protocol);
  }

  /** As {@link #lane(List, String, String, String)}, speaking {@code protocol}. */
  public BrokerConfig lane(List<String> urls, String clientId, @Nullable String username,
      @Nullable String password, MqttProtocol protocol) {
    return new BrokerConfig(urls, clientId, username, password, tls, keepAlive, connectTimeout,
        protocol, reconnect);
  }

  @Override
  public String toString() {
    return "BrokerConfig[urls=" + urls + ", clientId=" + clientId + ", username=" + username
        + ", password=" + (password == null ? "none" : "***") + ", tls=" + tls + ", keepAlive="
        + keepAlive + ", connectTimeout=" + connectTimeout + ", protocol=" + protocol.word()
        + ", reconnect=" + reconnect + "]";
  }
}
