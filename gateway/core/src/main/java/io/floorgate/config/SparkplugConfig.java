package io.floorgate.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The Sparkplug B 3.0 edge node ({@code sparkplug:} in YAML): the gateway is the edge node, each
 * PLC connection one of its devices.
 *
 * <p>Defaults and bounds (the loader applies the defaults; the constructor enforces the bounds):
 * {@code enabled} false; {@code groupId} the namespace's site; {@code edgeNodeId}
 * {@value #DEFAULT_EDGE_NODE_ID}; {@code brokers} the {@code mqtt.urls}; {@code clientId}
 * {@code <mqtt.clientId>-sparkplug}; {@code username}/{@code password}, TLS, {@code keepAlive}
 * and {@code connectTimeout} those of {@code mqtt}; no primary host; {@code aliases} true;
 * {@code maxDataBytes} 65536 (1024–268435455); {@code keepAlive} 5s–18h; {@code connectTimeout}
 * 1s–5m; {@code queueCapacity}
 * 100000 (1–10,000,000); {@code writes} {@link WriteLimits#defaults()}.
 *
 * @param enabled        whether the edge node runs
 * @param groupId        Sparkplug group id, the second topic level ({@code spBv1.0/{groupId}/…})
 * @param edgeNodeId     Sparkplug edge node id; unique within the group
 * @param brokers        broker URLs, tried in order: after a failed connect, and when the primary
 *                       host goes offline, the node moves on to the next
 * @param clientId       MQTT client id of the node's own connection; unique on the broker
 * @param username       optional user name
 * @param password       optional password (from {@code ${VAR}}); never logged
 * @param tls            {@code mqtt.tls}: the node's connection is verified like the others
 * @param primaryHostId  the host application whose STATE the node waits for before its births;
 *                       null for none
 * @param aliases        whether births carry aliases and DATA and commands use them alone
 * @param maxDataBytes   largest NDATA/DDATA payload; larger batches are split. The broker's
 *                       Maximum Packet Size lowers it further at connect. Births are never split
 * @param keepAlive      MQTT keep-alive: how soon the broker notices a dead node and sends its
 *                       NDEATH (after 1.5 times this)
 * @param connectTimeout how long one connect attempt may take
 * @param queueCapacity  readings waiting for the node's thread; beyond it they are dropped and
 *                       counted
 * @param protocol       MQTT version of the node's connection; {@code mqtt.protocol} by default
 * @param writes         how many DCMD writes reach the PLCs, per message and per second
 * @param reconnect      the waits between failed connects: {@code mqtt.reconnect}
 */
public record SparkplugConfig(
    boolean enabled,
    String groupId,
    String edgeNodeId,
    List<String> brokers,
    String clientId,
    @Nullable String username,
    @Nullable String password,
    @Nullable TlsConfig tls,
    @Nullable String primaryHostId,
    boolean aliases,
    int maxDataBytes,
    Duration keepAlive,
    Duration connectTimeout,
    int queueCapacity,
    MqttProtocol protocol,
    WriteLimits writes,
    ReconnectConfig reconnect) {

  public static final String DEFAULT_EDGE_NODE_ID = "floorgate";
  public static final boolean DEFAULT_ALIASES = true;
  public static final int DEFAULT_MAX_DATA_BYTES = 65_536;
  public static final int MIN_MAX_DATA_BYTES = 1_024;
  /** The largest MQTT packet there is (MQTT 5, 1.5.5: a four-byte variable integer). */
  public static final int MAX_MAX_DATA_BYTES = 268_435_455;
  public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);
  public static final Duration MIN_KEEP_ALIVE = Duration.ofSeconds(5);
  /** MQTT carries the keep-alive as 16-bit seconds. */
  public static final Duration MAX_KEEP_ALIVE = Duration.ofSeconds(65_535);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration MIN_CONNECT_TIMEOUT = Duration.ofSeconds(1);
  public static final Duration MAX_CONNECT_TIMEOUT = Duration.ofMinutes(5);
  public static final int DEFAULT_QUEUE_CAPACITY = 100_000;
  public static final int MAX_QUEUE_CAPACITY = 10_000_000;

  public SparkplugConfig {
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(edgeNodeId, "edgeNodeId");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(keepAlive, "keepAlive");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    brokers = List.copyOf(brokers);
    if (enabled && brokers.isEmpty()) {
      throw new IllegalArgumentException("an enabled Sparkplug node needs at least one broker");
    }
    requireId("groupId", groupId);
    requireId("edgeNodeId", edgeNodeId);
    if (primaryHostId != null) {
      requireId("primaryHostId", primaryHostId);
    }
    Checks.within("maxDataBytes", maxDataBytes, MIN_MAX_DATA_BYTES, MAX_MAX_DATA_BYTES);
    Checks.within("keepAlive", keepAlive, MIN_KEEP_ALIVE, MAX_KEEP_ALIVE);
    Checks.within("connectTimeout", connectTimeout, MIN_CONNECT_TIMEOUT, MAX_CONNECT_TIMEOUT);
    Checks.within("queueCapacity", queueCapacity, 1, MAX_QUEUE_CAPACITY);
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(writes, "writes");
    Objects.requireNonNull(reconnect, "reconnect");
  }

  /** With the default write limits and reconnect waits. */
  public SparkplugConfig(boolean enabled, String groupId, String edgeNodeId, List<String> brokers,
      String clientId, @Nullable String username, @Nullable String password,
      @Nullable TlsConfig tls, @Nullable String primaryHostId, boolean aliases, int maxDataBytes,
      Duration keepAlive, Duration connectTimeout, int queueCapacity, MqttProtocol protocol) {
    this(enabled, groupId, edgeNodeId, brokers, clientId, username, password, tls, primaryHostId,
        aliases, maxDataBytes, keepAlive, connectTimeout, queueCapacity, protocol,
        WriteLimits.defaults(), ReconnectConfig.defaults());
  }

  /** With {@code protocol: auto}. */
  public SparkplugConfig(boolean enabled, String groupId, String edgeNodeId, List<String> brokers,
      String clientId, @Nullable String username, @Nullable String password,
      @Nullable TlsConfig tls, @Nullable String primaryHostId, boolean aliases, int maxDataBytes,
      Duration keepAlive, Duration connectTimeout, int queueCapacity) {
    this(enabled, groupId, edgeNodeId, brokers, clientId, username, password, tls, primaryHostId,
        aliases, maxDataBytes, keepAlive, connectTimeout, queueCapacity, MqttProtocol.AUTO);
  }

  /** A node that does not run, for configs without a {@code sparkplug:} section. */
  public static SparkplugConfig disabled(String site, String mqttUrl, String mqttClientId) {
    return new SparkplugConfig(false, site, DEFAULT_EDGE_NODE_ID, List.of(mqttUrl),
        defaultClientId(mqttClientId), null, null, null, null, DEFAULT_ALIASES,
        DEFAULT_MAX_DATA_BYTES,
        DEFAULT_KEEP_ALIVE, DEFAULT_CONNECT_TIMEOUT, DEFAULT_QUEUE_CAPACITY);
  }

  /** The node's own connection: its brokers, client id and credentials, TLS from {@code mqtt}. */
  public BrokerConfig broker() {
    return new BrokerConfig(brokers, clientId, username, password, tls, keepAlive,
        connectTimeout, protocol, reconnect);
  }

  /** The node's client id when the config names none: the UNS client's, suffixed. */
  public static String defaultClientId(String mqttClientId) {
    return mqttClientId + "-sparkplug";
  }

  /**
   * What is wrong with a Sparkplug id (group, edge node, host), with the fix; null when fine.
   * Sparkplug allows any UTF-8 but the MQTT level separator and wildcards.
   */
  public static @Nullable String idProblem(String id) {
    if (id.isBlank()) {
      return "is empty; give a name such as isohara";
    }
    if (id.length() > Names.MAX_LENGTH) {
      return Names.lengthProblem(id);
    }
    for (char c : new char[] {'/', '+', '#'}) {
      if (id.indexOf(c) >= 0) {
        return "'" + id + "' contains '" + c + "', which MQTT reserves (level separator and "
            + "wildcards); leave out /, + and #";
      }
    }
    return null;
  }

  private static void requireId(String name, String id) {
    String problem = idProblem(id);
    if (problem != null) {
      throw new IllegalArgumentException(name + " " + problem);
    }
  }

  @Override
  public String toString() {
    return "SparkplugConfig[enabled=" + enabled + ", groupId=" + groupId + ", edgeNodeId="
        + edgeNodeId + ", brokers=" + brokers + ", clientId=" + clientId + ", username="
        + username + ", password=" + (password == null ? "none" : "***") + ", primaryHostId="
        + primaryHostId + ", aliases=" + aliases + ", maxDataBytes=" + maxDataBytes + "]";
  }
}
