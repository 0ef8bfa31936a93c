package io.floorgate.config;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The telemetry MQTT connection.
 *
 * @param url            broker URL, {@code tcp://host:1883} (or {@code ssl://} later)
 * @param clientId       MQTT client id; unique per gateway instance
 * @param qos            0 or 1 for telemetry (default 1)
 * @param maxInFlight    ceiling of unacknowledged QoS 1 publishes; the broker's Receive Maximum
 *                       lowers it further at connect
 * @param queueCapacity  readings held in memory while the broker is slow or away; beyond it the
 *                       oldest are dropped and counted
 * @param connectTimeout how long one connect attempt may take
 * @param username       optional user name
 * @param password       optional password (from {@code ${VAR}}); never logged
 */
public record MqttConfig(
    String url,
    String clientId,
    int qos,
    int maxInFlight,
    int queueCapacity,
    Duration connectTimeout,
    @Nullable String username,
    @Nullable String password) {

  public MqttConfig {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
  }

  @Override
  public String toString() {
    return "MqttConfig[url=" + url + ", clientId=" + clientId + ", qos=" + qos
        + ", maxInFlight=" + maxInFlight + ", queueCapacity=" + queueCapacity
        + ", username=" + username + ", password=" + (password == null ? "none" : "***") + "]";
  }
}
