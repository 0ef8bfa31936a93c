package io.floorgate.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads what is published besides the PLC data itself: the {@code sparkplug:} edge node and the
 * {@code uns:} switch, and checks that at least one of them publishes.
 */
final class SparkplugReader {

  private static final List<String> KEYS = List.of("enabled", "groupId", "edgeNodeId", "brokers",
      "clientId", "username", "password", "primaryHostId", "aliases", "maxDataBytes",
      "keepAlive", "connectTimeout", "queueCapacity", "protocol", "writes");
  private static final List<String> WRITES_KEYS = List.of("maxPerMessage", "maxPerSecond");
  private static final List<String> UNS_KEYS = List.of("enabled", "form", "maxBatch", "retain");

  private final Problems problems;

  SparkplugReader(Problems problems) {
    this.problems = problems;
  }

  UnsConfig uns(YamlMap top) {
    YamlMap map = top.map("uns", UNS_KEYS);
    if (map == null) {
      return UnsConfig.defaults();
    }
    UnsConfig.Form form = map.choice("form", UnsConfig.Form.PER_TAG, Map.of(
        "per-tag", UnsConfig.Form.PER_TAG, "batched", UnsConfig.Form.BATCHED));
    int maxBatch = map.integer("maxBatch", UnsConfig.DEFAULT_MAX_BATCH, UnsConfig.MIN_MAX_BATCH,
        UnsConfig.MAX_MAX_BATCH);
    UnsConfig.Retain retain = map.choice("retain", UnsConfig.Retain.NONE, Map.of(
        "none", UnsConfig.Retain.NONE, "values", UnsConfig.Retain.VALUES,
        "all", UnsConfig.Retain.ALL));
    return new UnsConfig(map.bool("enabled", UnsConfig.DEFAULT_ENABLED), form, maxBatch, retain);
  }

  /**
   * The node's config, disabled when the section is absent; null when something in it is wrong
   * or what it defaults from ({@code namespace}, {@code mqtt}) is.
   */
  @Nullable SparkplugConfig read(YamlMap top, @Nullable Namespace namespace,
      @Nullable MqttConfig mqtt, UnsConfig uns, PlainText plainText) {
    YamlMap map = top.map("sparkplug", KEYS);
    if (map == null) {
      if (!top.has("sparkplug") && !uns.enabled()) {
        top.error("uns", "turns the UNS publisher off and there is no sparkplug section, so "
            + "nothing would be published; enable one of them");
      }
      return namespace == null || mqtt == null ? null
          : SparkplugConfig.disabled(namespace.site(), mqtt.url(), mqtt.clientId());
      // (disabled: no connection is made, so TLS and the other lane settings do not matter)
    }
    int before = problems.count();
    boolean enabled = map.bool("enabled", false);
    if (!enabled && !uns.enabled()) {
      map.error("enabled", "is false and uns.enabled is false, so nothing would be published; "
          + "enable one of them");
    }
    String groupId = id(map, "groupId", namespace == null ? null : namespace.site());
    String edgeNodeId = id(map, "edgeNodeId", SparkplugConfig.DEFAULT_EDGE_NODE_ID);
    String primaryHostId = map.has("primaryHostId") ? id(map, "primaryHostId", null) : null;
    List<String> brokers = brokers(map, mqtt);
    String clientId = map.string("clientId");
    if (clientId != null && clientId.isBlank()) {
      map.error("clientId", "is empty; remove it for the default <mqtt.clientId>-sparkplug, or "
          + "name this edge node's connection uniquely on the broker");
    } else if (clientId != null && mqtt != null && clientId.strip().equals(mqtt.clientId())) {
      map.error("clientId", "'" + clientId + "' is also mqtt.clientId; the broker would drop "
          + "one connection whenever the other connects: give each its own");
    }
    boolean aliases = map.bool("aliases", SparkplugConfig.DEFAULT_ALIASES);
    int maxDataBytes = map.integer("maxDataBytes", SparkplugConfig.DEFAULT_MAX_DATA_BYTES,
        SparkplugConfig.MIN_MAX_DATA_BYTES, SparkplugConfig.MAX_MAX_DATA_BYTES);
    Duration keepAlive = map.duration("keepAlive",
        mqtt == null ? SparkplugConfig.DEFAULT_KEEP_ALIVE : mqtt.keepAlive(),
        SparkplugConfig.MIN_KEEP_ALIVE, SparkplugConfig.MAX_KEEP_ALIVE);
    Duration connectTimeout = map.duration("connectTimeout",
        mqtt == null ? SparkplugConfig.DEFAULT_CONNECT_TIMEOUT : mqtt.connectTimeout(),
        SparkplugConfig.MIN_CONNECT_TIMEOUT, SparkplugConfig.MAX_CONNECT_TIMEOUT);
    int queueCapacity = map.integer("queueCapacity", SparkplugConfig.DEFAULT_QUEUE_CAPACITY, 1,
        SparkplugConfig.MAX_QUEUE_CAPACITY);
    String username = map.has("username") ? map.string("username")
        : mqtt == null ? null : mqtt.username();
    String password = map.has("password")
        ? Secrets.brokerPassword(map, "password", MqttReader.PASSWORD_VARIABLE)
        : mqtt == null ? null : mqtt.password();
    if (enabled && mqtt != null) {
      plainText.checkLane(map, "brokers", brokers, password, mqtt);
    }
    MqttProtocol protocol = MqttReader.protocol(map,
        mqtt == null ? MqttProtocol.AUTO : mqtt.protocol());
    WriteLimits writes = writes(map);
    if (problems.count() > before || groupId == null || edgeNodeId == null || mqtt == null
        || brokers.isEmpty() || (map.has("primaryHostId") && primaryHostId == null)) {
      return null;
    }
    return new SparkplugConfig(enabled, groupId, edgeNodeId, brokers,
        clientId != null ? clientId.strip() : SparkplugConfig.defaultClientId(mqtt.clientId()),
        username, password, mqtt.tls(), primaryHostId, aliases, maxDataBytes, keepAlive,
        connectTimeout, queueCapacity, protocol, writes, mqtt.reconnect());
  }

  /** {@code writes: {maxPerMessage, maxPerSecond}}, each defaulted on its own. */
  private static WriteLimits writes(YamlMap sparkplug) {
    YamlMap map = sparkplug.map("writes", WRITES_KEYS);
    if (map == null) {
      return WriteLimits.defaults();
    }
    return new WriteLimits(
        map.integer("maxPerMessage", WriteLimits.DEFAULT_MAX_PER_MESSAGE, 1, WriteLimits.MAX),
        map.integer("maxPerSecond", WriteLimits.DEFAULT_MAX_PER_SECOND, 1, WriteLimits.MAX));
  }

  /** A Sparkplug id, or its default when absent; null (and an error) when invalid. */
  private @Nullable String id(YamlMap map, String key, @Nullable String fallback) {
    String value = map.string(key);
    if (value == null) {
      return map.has(key) ? null : fallback;
    }
    value = value.strip();
    String problem = SparkplugConfig.idProblem(value);
    if (problem != null) {
      map.error(key, problem);
      return null;
    }
    return value;
  }

  /** The broker list, each URL checked; the UNS broker when absent; empty when wrong. */
  private List<String> brokers(YamlMap map, @Nullable MqttConfig mqtt) {
    if (!map.has("brokers")) {
      return mqtt == null ? List.of() : mqtt.urls();
    }
    List<Node> items = map.nonEmptyList("brokers",
        "list the broker URLs in the order to try them, e.g. [tcp://10.20.0.5:1883]");
    List<String> urls = new ArrayList<>();
    boolean wrong = false;
    for (int i = 0; i < items.size(); i++) {
      String path = map.child("brokers") + "[" + i + "]";
      String url = Scalars.scalar(items.get(i), path, problems);
      String problem = url == null ? "" : MqttReader.brokerUrlProblem(url);
      if (problem == null && mqtt != null) {
        problem = MqttReader.plainTextProblem(url, mqtt.tls());
      }
      if (problem != null) {
        if (!problem.isEmpty()) {
          problems.add(items.get(i), path, problem);
        }
        wrong = true;
      } else {
        urls.add(url.strip());
      }
    }
    return wrong ? List.of() : urls;
  }
}
