package io.floorgate.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The telemetry MQTT connection ({@code mqtt:} in YAML).
 *
 * <p>Defaults and bounds (the loader applies the defaults; the constructor enforces the bounds):
 * {@code qos} 1 (0 or 1); {@code maxInFlight} 100 (1–65535); {@code connectTimeout} 10s (1s–5m);
 * {@code clientId} {@code floorgate-<site>}; {@code keepAlive} 30s (5s–18h); {@code protocol} auto;
 * {@code reconnect} {@link ReconnectConfig#defaults()} (1s doubling to 30s); {@code connections} 1
 * (1–16); no username or
 * password; no TLS settings (an
 * {@code ssl://} broker is then verified against the JVM's default trust store).
 *
 * @param urls           broker URLs, tried in order at every connect: {@code tcp://}, {@code ssl://},
 *                       {@code ws://} or {@code wss://} {@code host[:port]}; at least one
 * @param clientId       MQTT client id; unique per gateway instance
 * @param qos            0 or 1 for telemetry
 * @param maxInFlight    ceiling of unacknowledged QoS 1 publishes; the broker's Receive Maximum
 *                       lowers it further at connect
 * @param connectTimeout how long one connect attempt may take
 * @param username       optional user name
 * @param password       optional password (from {@code ${VAR}} or {@code passwordFile}); never
 *                       logged
 * @param tls            how to verify the broker and present a client certificate, or null
 * @param keepAlive      MQTT keep-alive of every lane: how soon a dead connection is noticed
 * @param protocol       MQTT version of this lane, and of the lanes that name none; default
 *                       {@code auto} (5, falling back to 3.1.1)
 * @param reconnect      the waits between failed connects, of every lane
 * @param connections    telemetry connections of the UNS lane: each tag's readings always go over
 *                       the same one (a hash of its path), so each tag keeps its order; the first
 *                       uses {@code clientId}, the others {@code clientId-1}, {@code clientId-2}…
 */
public record MqttConfig(
    List<String> urls,
    String clientId,
    int qos,
    int maxInFlight,
    Duration connectTimeout,
    @Nullable String username,
    @Nullable String password,
    @Nullable TlsConfig tls,
    Duration keepAlive,
    MqttProtocol protocol,
    ReconnectConfig reconnect,
    int connections) {

  public static final int DEFAULT_QOS = 1;
  public static final int DEFAULT_MAX_IN_FLIGHT = 100;
  public static final int MAX_MAX_IN_FLIGHT = 65_535;
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration MIN_CONNECT_TIMEOUT = Duration.ofSeconds(1);
  public static final Duration MAX_CONNECT_TIMEOUT = Duration.ofMinutes(5);
  public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);
  public static final Duration MIN_KEEP_ALIVE = Duration.ofSeconds(5);
  /** MQTT carries the keep-alive as 16-bit seconds. */
  public static final Duration MAX_KEEP_ALIVE = Duration.ofSeconds(65_535);
  public static final int DEFAULT_CONNECTIONS = 1;
  /** More connections than cores gain nothing and cost a thread and a socket each. */
  public static final int MAX_CONNECTIONS = 16;

  public MqttConfig {
    urls = List.copyOf(urls);
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("urls: at least one broker URL is needed");
    }
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Checks.within("qos", qos, 0, 1);
    Checks.within("maxInFlight", maxInFlight, 1, MAX_MAX_IN_FLIGHT);
    Checks.within("connectTimeout", connectTimeout, MIN_CONNECT_TIMEOUT, MAX_CONNECT_TIMEOUT);
    Checks.within("keepAlive", keepAlive, MIN_KEEP_ALIVE, MAX_KEEP_ALIVE);
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(reconnect, "reconnect");
    Checks.within("connections", connections, 1, MAX_CONNECTIONS);
  }

  /** With one telemetry connection. */
  public MqttConfig(List<String> urls, String clientId, int qos, int maxInFlight,
      Duration connectTimeout, @Nullable String username, @Nullable String password,
      @Nullable TlsConfig tls, Duration keepAlive, MqttProtocol protocol, ReconnectConfig reconnect) {
    this(urls, clientId, qos, maxInFlight, connectTimeout, username, password, tls, keepAlive,
        protocol, reconnect, DEFAULT_CONNECTIONS);
  }

  /** With the default reconnect waits. */
  public MqttConfig(List<String> urls, String clientId, int qos, int maxInFlight,
      Duration connectTimeout, @Nullable String username, @Nullable String password,
      @Nullable TlsConfig tls, Duration keepAlive, MqttProtocol protocol) {
    this(urls, clientId, qos, maxInFlight, connectTimeout, username, password, tls, keepAlive,
        protocol, ReconnectConfig.defaults());
  }

  /** With {@code protocol: auto}. */
  public MqttConfig(List<String> urls, String clientId, int qos, int maxInFlight,
      Duration connectTimeout, @Nullable String username, @Nullable String password,
      @Nullable TlsConfig tls, Duration keepAlive) {
    this(urls, clientId, qos, maxInFlight, connectTimeout, username, password, tls, keepAlive,
        MqttProtocol.AUTO);
  }

  /** With the default keep-alive. */
  public MqttConfig(List<String> urls, String clientId, int qos, int maxInFlight,
      Duration connectTimeout, @Nullable String username, @Nullable String password,
      @Nullable TlsConfig tls) {
    this(urls, clientId, qos, maxInFlight, connectTimeout, username, password, tls,
        DEFAULT_KEEP_ALIVE);
  }

  /** The telemetry (UNS) lane's connection, and what the other lanes inherit. */
  public BrokerConfig broker() {
    return new BrokerConfig(urls, clientId, username, password, tls, keepAlive, connectTimeout,
        protocol, reconnect);
  }

  /** One broker, no credentials, no TLS settings: the shape most tests and demos need. */
  public MqttConfig(String url, String clientId, int qos, int maxInFlight,
      Duration connectTimeout) {
    this(List.of(url), clientId, qos, maxInFlight, connectTimeout, null, null, null,
        DEFAULT_KEEP_ALIVE);
  }

  /**
   * The settings of telemetry connection {@code n} (0 to {@code connections - 1}): the same, with
   * the client id {@code clientId-n} for n ≥ 1.
   */
  public MqttConfig connection(int n) {
    Checks.within("connection", n, 0, connections - 1);
    return n == 0 ? this : new MqttConfig(urls, clientId + "-" + n, qos, maxInFlight,
        connectTimeout, username, password, tls, keepAlive, protocol, reconnect, connections);
  }

  /** The first broker, the one tried first at every connect. */
  public String url() {
    return urls.get(0);
  }

  /** The client id used when the config names none: one per site. */
  public static String defaultClientId(String site) {
    return "floorgate-" + site;
  }

  @Override
  public String toString() {
    return "MqttConfig[urls=" + urls + ", clientId=" + clientId + ", qos=" + qos
        + ", maxInFlight=" + maxInFlight + ", connectTimeout=" + connectTimeout
        + ", username=" + username + ", password=" + (password == null ? "none" : "***")
        + ", tls=" + tls + ", keepAlive=" + keepAlive + ", protocol=" + protocol.word()
        + ", reconnect=" + reconnect + ", connections=" + connections + "]";
  }
}
