package io.floorgate.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the top of the file ({@code namespace}, {@code mqtt}, {@code connections}, {@code buffer},
 * {@code alarms}, {@code api}, {@code notifications}; {@code uns} and {@code sparkplug} through
 * {@link SparkplugReader})
 * and keeps what spans connections: their names, and every tag's full path. All defaults are
 * applied by the readers, from the constants the records document.
 */
final class ConfigReader {

  private static final List<String> ROOT_KEYS = List.of("namespace", "mqtt", "connections",
      "buffer", "alarms", "api", "uns", "sparkplug", "notifications");
  private static final List<String> NAMESPACE_KEYS = List.of("enterprise", "site", "topicPrefix");

  /** What MQTT carries as a topic name: a 16-bit length, in bytes of UTF-8. */
  static final int MAX_TOPIC_BYTES = 65_535;

  private final Problems problems;
  /** Connection name, and tag path below the site, to the line that first used it. */
  private final Map<String, Integer> connectionNames = new HashMap<>();
  private final Map<String, Integer> tagPaths = new HashMap<>();

  ConfigReader(Problems problems) {
    this.problems = problems;
  }

  /** The config, or null when anything was wrong (the errors are in {@link Problems}). */
  @Nullable GatewayConfig read(Node root) {
    YamlMap top = YamlMap.of(root, "", problems, ROOT_KEYS);
    if (top == null) {
      return null;
    }
    Namespace namespace = namespace(top);
    MqttReader mqttReader = new MqttReader(problems);
    MqttConfig mqtt = mqttReader.read(top, namespace == null ? null : namespace.site());
    BufferConfig buffer = new BufferReader(problems).read(top);
    outlivesBuffer(top, mqtt, buffer);
    List<ConnectionConfig> connections = new ArrayList<>();
    List<Node> items = top.nonEmptyList("connections", "add the PLCs as a list, each with name, "
        + "endpoint, area and groups");
    Set<String> areas = new TreeSet<>();
    for (Node item : items) {
      String area = ConnectionReader.peek(item, "area", problems.env());
      if (area != null && Names.levelProblem(area) == null) {
        areas.add(area);
      }
    }
    ConnectionReader reader = new ConnectionReader(problems, connectionNames, tagPaths, areas);
    for (int i = 0; i < items.size(); i++) {
      ConnectionConfig connection = reader.read(items.get(i), i);
      if (connection != null) {
        connections.add(connection);
      }
    }
    topicLength(namespace);
    AlarmsConfig alarms = new AlarmReader(problems, tagPaths.keySet(),
        connectionNames.keySet(), nonNumeric(connections), areaOf(connections)).read(top, mqtt,
        mqttReader.plainText());
    ApiConfig api = ApiReader.read(top);
    NotificationsConfig notifications = new NotificationReader(problems, alarms).read(top, alarms,
        api);
    SparkplugReader outputs = new SparkplugReader(problems);
    UnsConfig uns = outputs.uns(top);
    SparkplugConfig sparkplug = outputs.read(top, namespace, mqtt, uns,
        mqttReader.plainText());
    if (problems.count() > 0 || namespace == null || mqtt == null || buffer == null
        || sparkplug == null) {
      return null;
    }
    return new GatewayConfig(namespace, mqtt, connections, buffer, alarms, api, uns, sparkplug,
        notifications);
  }

  /**
   * A warning when the longest wait between two connects is longer than readings stay in the
   * buffer: after an outage shorter than {@code buffer.maxAge} the gateway may still be waiting
   * to reconnect when its readings expire.
   */
  private static void outlivesBuffer(YamlMap top, @Nullable MqttConfig mqtt,
      @Nullable BufferConfig buffer) {
    if (mqtt == null || buffer == null
        || mqtt.reconnect().maxDelay().compareTo(buffer.maxAge()) <= 0) {
      return;
    }
    YamlMap mqttMap = top.map("mqtt", null);
    YamlMap reconnect = mqttMap == null ? null : mqttMap.map("reconnect", null);
    if (reconnect != null) {
      reconnect.warning("maxDelay", Durations.format(mqtt.reconnect().maxDelay()) + " is longer "
          + "than buffer.maxAge " + Durations.format(buffer.maxAge()) + ": after an outage the "
          + "gateway may still wait to reconnect while its queued readings expire; make maxDelay "
          + "shorter than maxAge");
    }
  }

  private @Nullable Namespace namespace(YamlMap top) {
    if (!top.has("namespace")) {
      top.missing("namespace", "add namespace: { enterprise: <company>, site: <plant> } "
          + "(lowercase, e.g. jxnmm and isohara)");
      return null;
    }
    YamlMap map = top.map("namespace", NAMESPACE_KEYS);
    if (map == null) {
      return null;
    }
    int before = problems.count();
    String enterprise = level(map, "enterprise", "jxnmm");
    String site = level(map, "site", "isohara");
    String prefix = map.string("topicPrefix");
    if (prefix != null) {
      String problem = Names.topicPrefixProblem(prefix);
      if (problem != null) {
        map.error("topicPrefix", problem);
      }
    }
    if (problems.count() > before || enterprise == null || site == null) {
      return null;
    }
    return new Namespace(enterprise, site,
        prefix == null ? Namespace.DEFAULT_TOPIC_PREFIX : prefix);
  }

  /**
   * Reports the tag whose topics are the longest when they exceed what MQTT carries: its
   * {@code _meta} topic and the alarm topics a rule on it would have. Names are bounded one by
   * one, so only a tag path of hundreds of levels comes near this.
   */
  private void topicLength(@Nullable Namespace namespace) {
    if (namespace == null) {
      return;
    }
    String prefix = namespace.topicPrefix();
    int root = utf8(prefix.isEmpty() ? "" : prefix + "/") + utf8(namespace.root() + "/");
    String longest = null;
    int longestBytes = 0;
    int over = 0;
    for (String tag : tagPaths.keySet()) {
      int levels = tag.split("/", -1).length;
      // "/_alarms/events/", a '~' that may quote each level, and the rule's name.
      int alarm = "/_alarms/events/".length() + levels + Names.MAX_LENGTH;
      int bytes = root + utf8(tag) + Math.max("/_meta".length(), alarm);
      if (bytes > MAX_TOPIC_BYTES) {
        over++;
        if (bytes > longestBytes) {
          longest = tag;
          longestBytes = bytes;
        }
      }
    }
    if (longest != null) {
      problems.add(tagPaths.get(longest), "", "the topics of tag " + longest.substring(0,
          Math.min(longest.length(), 60)) + (longest.length() > 60 ? "…" : "") + " would be up to "
          + longestBytes + " bytes, above MQTT's limit of " + MAX_TOPIC_BYTES + (over > 1
          ? " (and of " + (over - 1) + " more tags)" : "")
          + "; use fewer or shorter levels in its path, or a shorter topicPrefix");
    }
  }

  private static int utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /** A required name that becomes a topic level, checked; null when missing or invalid. */
  static @Nullable String level(YamlMap map, String key, String example) {
    String value = map.required(key, example);
    if (value == null) {
      return null;
    }
    String problem = Names.levelProblem(value);
    if (problem != null) {
      map.error(key, problem);
      return null;
    }
    return value;
  }

  /** Tags that carry no numbers: a boolean or text type, or enum states. */
  /** Each connection's area, by connection name. */
  private static Map<String, String> areaOf(List<ConnectionConfig> connections) {
    Map<String, String> areas = new HashMap<>();
    connections.forEach(c -> areas.put(c.name(), c.area()));
    return areas;
  }

  private static Set<String> nonNumeric(List<ConnectionConfig> connections) {
    Set<String> tags = new java.util.HashSet<>();
    for (ConnectionConfig c : connections) {
      for (GroupConfig g : c.groups()) {
        for (TagConfig t : g.tags()) {
          if (!t.enumMap().isEmpty() || t.type() == ValueType.BOOLEAN
              || t.type() == ValueType.STRING) {
            tags.add(c.area() + "/" + t.path());
          }
        }
      }
    }
    return tags;
  }
}
