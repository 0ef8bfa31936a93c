package io.floorgate.config;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The telemetry MQTT connection ({@code mqtt:} in YAML).
 *
 * <p>Defaults and bounds (the loader applies the defaults; the constructor enforces the bounds):
 * {@code qos} 1 (0 or 1); {@code maxInFlight} 100 (1–65535); {@code queueCapacity} 100000
 * (1–10,000,000); {@code connectTimeout} 10s (1s–5m); {@code clientId} {@code floorgate-<site>};
 * no username or password.
 *
 * @param url            broker URL: {@code tcp://}, {@code ssl://}, {@code ws://} or {@code wss://}
 *                       {@code host[:port]}
 * @param clientId       MQTT client id; unique per gateway instance
 * @param qos            0 or 1 for telemetry
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

  public static final int DEFAULT_QOS = 1;
  public static final int DEFAULT_MAX_IN_FLIGHT = 100;
  public static final int MAX_MAX_IN_FLIGHT = 65_535;
  public static final int DEFAULT_QUEUE_CAPACITY = 100_000;
  public static final int MAX_QUEUE_CAPACITY = 10_000_000;
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration MIN_CONNECT_TIMEOUT = Duration.ofSeconds(1);
  public static final Duration MAX_CONNECT_TIMEOUT = Duration.ofMinutes(5);

  public MqttConfig {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Checks.within("qos", qos, 0, 1);
    Checks.within("maxInFlight", maxInFlight, 1, MAX_MAX_IN_FLIGHT);
    Checks.within("queueCapacity", queueCapacity, 1, MAX_QUEUE_CAPACITY);
    Checks.within("connectTimeout", connectTimeout, MIN_CONNECT_TIMEOUT, MAX_CONNECT_TIMEOUT);
  }

  /** The client id used when the config names none: one per site. */
  public static String defaultClientId(String site) {
    return "floorgate-" + site;
  }

  @Override
  public String toString() {
    return "MqttConfig[url=" + url + ", clientId=" + clientId + ", qos=" + qos
        + ", maxInFlight=" + maxInFlight + ", queueCapacity=" + queueCapacity
        + ", username=" + username + ", password=" + (password == null ? "none" : "***") + "]";
  }
}
