package io.floorgate.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the top of the file ({@code namespace}, {@code mqtt}, {@code connections}; {@code uns} and
 * {@code sparkplug} through {@link SparkplugReader}) and keeps what spans connections: their
 * names, and every tag's full path. All defaults are applied by the readers, from the constants
 * the records document.
 */
final class ConfigReader {

  private static final List<String> ROOT_KEYS = List.of("namespace", "mqtt", "connections", "uns",
      "sparkplug");
  private static final List<String> NAMESPACE_KEYS = List.of("enterprise", "site", "topicPrefix");
  private static final List<String> MQTT_KEYS = List.of("url", "clientId", "qos", "maxInFlight",
      "queueCapacity", "connectTimeout", "username", "password");

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
    MqttConfig mqtt = mqtt(top, namespace == null ? null : namespace.site());
    List<ConnectionConfig> connections = new ArrayList<>();
    List<Node> items = top.nonEmptyList("connections", "add the PLCs as a list, each with name, "
        + "endpoint, area and groups");
    ConnectionReader reader = new ConnectionReader(problems, connectionNames, tagPaths);
    for (int i = 0; i < items.size(); i++) {
      ConnectionConfig connection = reader.read(items.get(i), i);
      if (connection != null) {
        connections.add(connection);
      }
    }
    SparkplugReader outputs = new SparkplugReader(problems);
    UnsConfig uns = outputs.uns(top);
    SparkplugConfig sparkplug = outputs.read(top, namespace, mqtt, uns);
    if (problems.count() > 0 || namespace == null || mqtt == null || sparkplug == null) {
      return null;
    }
    return new GatewayConfig(namespace, mqtt, connections, uns, sparkplug);
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

  private @Nullable MqttConfig mqtt(YamlMap top, @Nullable String site) {
    if (!top.has("mqtt")) {
      top.missing("mqtt", "add mqtt: { url: tcp://<broker>:1883 }");
      return null;
    }
    YamlMap map = top.map("mqtt", MQTT_KEYS);
    if (map == null) {
      return null;
    }
    int before = problems.count();
    String url = map.required("url", "tcp://127.0.0.1:1883");
    if (url != null) {
      String problem = brokerUrlProblem(url);
      if (problem != null) {
        map.error("url", problem);
      }
    }
    String clientId = map.string("clientId");
    if (clientId != null && clientId.isBlank()) {
      map.error("clientId", "is empty; remove it for the default floorgate-<site>, or name "
          + "this gateway uniquely on the broker");
    }
    int qos = map.integer("qos", MqttConfig.DEFAULT_QOS, 0, Integer.MAX_VALUE);
    if (qos > 1) {
      map.error("qos", "QoS " + qos + " is not used for telemetry; use 1 (at least once) or 0 "
          + "(at most once)");
    }
    int maxInFlight = map.integer("maxInFlight", MqttConfig.DEFAULT_MAX_IN_FLIGHT, 1,
        MqttConfig.MAX_MAX_IN_FLIGHT);
    int queueCapacity = map.integer("queueCapacity", MqttConfig.DEFAULT_QUEUE_CAPACITY, 1,
        MqttConfig.MAX_QUEUE_CAPACITY);
    var connectTimeout = map.duration("connectTimeout", MqttConfig.DEFAULT_CONNECT_TIMEOUT,
        MqttConfig.MIN_CONNECT_TIMEOUT, MqttConfig.MAX_CONNECT_TIMEOUT);
    String username = map.string("username");
    String password = map.string("password");
    if (problems.count() > before || url == null) {
      return null;
    }
    return new MqttConfig(url.strip(),
        clientId != null ? clientId.strip() : MqttConfig.defaultClientId(site == null ? "" : site),
        qos, maxInFlight, queueCapacity, connectTimeout, username, password);
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

  static @Nullable String brokerUrlProblem(String url) {
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      return "'" + url + "' is not a URL (" + e.getReason() + "); write tcp://<host>:1883";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    switch (scheme) {
      case "tcp", "ssl", "ws", "wss":
        break;
      case "mqtt":
        return "'" + url + "': Paho names plain MQTT tcp://; write tcp://" + hostPort(uri);
      case "mqtts":
        return "'" + url + "': Paho names MQTT over TLS ssl://; write ssl://" + hostPort(uri);
      default:
        return "'" + url + "' is not a broker URL; start it with tcp://, ssl://, ws:// or "
            + "wss://, e.g. tcp://127.0.0.1:1883";
    }
    if (uri.getHost() == null) {
      return "'" + url + "' has no host name; write " + scheme + "://<host>:<port>";
    }
    return null;
  }

  private static String hostPort(URI uri) {
    return uri.getRawAuthority() == null ? "<host>:<port>" : uri.getRawAuthority();
  }
}
