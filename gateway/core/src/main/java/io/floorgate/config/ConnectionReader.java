package io.floorgate.config;

import io.floorgate.driver.ConnectionSpec;
import io.floorgate.driver.DriverFactory;
import io.floorgate.driver.SecuritySpec;
import io.floorgate.reading.TimestampSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads one item of {@code connections}: the PLC, its clocks, its backoff and its groups. */
final class ConnectionReader {

  /** The gateway's own keys; the connection's driver declares its own beside them. */
  private static final List<String> KEYS = List.of("name", "driver", "endpoint", "area",
      "timestamps", "retry", "badAfterLinkLoss", "groups");
  private static final List<String> LIMIT_KEYS =
      List.of("maxNodesPerRead", "maxMonitoredItemsPerCall");
  private static final List<String> TIMESTAMP_KEYS = List.of("preferred", "notBefore", "maxFuture");
  private static final List<String> RETRY_KEYS = List.of("initial", "max");
  private static final Map<String, TimestampSource> CLOCKS = Map.of(
      "source", TimestampSource.SOURCE,
      "server", TimestampSource.SERVER,
      "gateway", TimestampSource.GATEWAY);

  private final Problems problems;
  private final Map<String, Integer> names;
  private final Map<String, Integer> tagPaths;

  /** What {@code area:} says when it is missing: the areas the file uses, if any. */
  private final String areaExample;

  /** @param areas the areas the file's connections name, for the example of a missing one */
  ConnectionReader(Problems problems, Map<String, Integer> names, Map<String, Integer> tagPaths,
      Collection<String> areas) {
    this.problems = problems;
    this.names = names;
    this.tagPaths = tagPaths;
    this.areaExample = "<area name> (the part of the plant this PLC serves, a topic level"
        + (areas.isEmpty() ? "" : "; the other connections name " + String.join(", ", areas))
        + ")";
  }

  @Nullable ConnectionConfig read(Node node, int index) {
    String given = peek(node, "name", problems.env());
    String path = "connections" + (given != null && Names.levelProblem(given) == null
        ? "." + given : "[" + index + "]");
    DriverFactory factory = driverOf(node);
    YamlMap map = YamlMap.of(node, path, problems, keys(factory));
    if (map == null) {
      return null;
    }
    int before = problems.count();
    String name = ConfigReader.level(map, "name", "rhk01");
    if (name != null) {
      Integer first = names.putIfAbsent(name, Problems.line(map.value("name")));
      if (first != null) {
        map.error("name", "'" + name + "' is already the name of the connection at line " + first
            + "; give each connection its own name");
      }
    }
    String driver = map.string("driver");
    if (driver != null && InstalledDrivers.named(driver.strip()) == null) {
      map.error("driver", "no driver '" + driver.strip() + "' is installed; installed: "
          + InstalledDrivers.describe());
    }
    String endpoint = map.required("endpoint", "opc.tcp://<host>:4840");
    if (endpoint != null) {
      String problem = endpointProblem(endpoint, driver == null ? null : driver.strip());
      if (problem != null) {
        map.error("endpoint", problem);
      }
    }
    int beforeArea = problems.count();
    String area = ConfigReader.level(map, "area", areaExample);
    TimestampPolicy timestamps = timestamps(map);
    Retry retry = retry(map);
    SecuritySpec security = SecurityReader.read(map, endpoint == null ? null : host(endpoint));
    Object settings = factory == null ? ConnectionSpec.NO_SETTINGS : factory.readConnection(map);
    Duration badAfter = map.duration("badAfterLinkLoss",
        ConnectionConfig.DEFAULT_BAD_AFTER_LINK_LOSS, ConnectionConfig.MIN_BAD_AFTER_LINK_LOSS,
        ConnectionConfig.MAX_BAD_AFTER_LINK_LOSS);
    YamlMap limits = map.map("operationLimits", LIMIT_KEYS);
    int maxNodesPerRead = limits == null ? 0 : limits.integer("maxNodesPerRead", 0, 0,
        ConnectionConfig.MAX_OPERATION_LIMIT);
    int maxItemsPerCall = limits == null ? 0 : limits.integer("maxMonitoredItemsPerCall", 0, 0,
        ConnectionConfig.MAX_OPERATION_LIMIT);

    GroupReader groupReader = new GroupReader(problems, tagPaths, area == null ? "" : area,
        factory);
    Map<String, Integer> groupNames = new HashMap<>();
    List<GroupConfig> groups = new ArrayList<>();
    List<Node> items = map.nonEmptyList("groups", "add at least one group of tags, e.g. "
        + "- name: zones with mode: subscription and tags");
    for (int i = 0; i < items.size(); i++) {
      GroupConfig group = groupReader.read(items.get(i), map.child("groups"), i, groupNames);
      if (group != null) {
        groups.add(group);
      }
    }
    if (area == null && problems.count() > beforeArea) {
      blameArea(beforeArea);
    }
    if (problems.count() > before || name == null || endpoint == null || area == null
        || security == null || settings == null) {
      return null;
    }
    return new ConnectionConfig(name, endpoint.strip(), area, timestamps, retry.initial(),
        retry.max(), groups, security, badAfter, maxNodesPerRead, maxItemsPerCall, settings);
  }

  /**
   * Without an area this connection's tags have no full name, so every alarm rule that names one
   * would be an error of its own: they are counted against the area's error instead. Tags read
   * without an area are those registered as "/path".
   */
  private void blameArea(int areaError) {
    List<String> unnamed = tagPaths.keySet().stream().filter(p -> p.startsWith("/")).toList();
    problems.causesAt(areaError, unnamed, n -> n == 1
        ? "1 reference to a tag of this connection in alarm rules could not be checked"
        : n + " references to tags of this connection in alarm rules could not be checked");
  }

  private TimestampPolicy timestamps(YamlMap connection) {
    YamlMap map = connection.map("timestamps", TIMESTAMP_KEYS);
    if (map == null) {
      return TimestampPolicy.defaults();
    }
    TimestampSource preferred = map.choice("preferred", TimestampSource.SOURCE, CLOCKS);
    Instant notBefore = TimestampPolicy.DEFAULT_NOT_BEFORE;
    String text = map.string("notBefore");
    if (text != null) {
      Instant parsed = instant(text.strip());
      if (parsed == null) {
        map.error("notBefore", "'" + text + "' is not a date and time; write it in ISO 8601 "
            + "with a zone, e.g. 2020-01-01T00:00:00Z, or a date, e.g. 2020-01-01 (UTC)");
      } else {
        notBefore = parsed;
      }
    }
    Duration maxFuture = map.duration("maxFuture", TimestampPolicy.DEFAULT_MAX_FUTURE,
        TimestampPolicy.MIN_MAX_FUTURE, TimestampPolicy.MAX_MAX_FUTURE);
    return new TimestampPolicy(preferred, notBefore, maxFuture);
  }

  /** {initial, max}; max defaults to the larger of its default and initial. */
  private Retry retry(YamlMap connection) {
    YamlMap map = connection.map("retry", RETRY_KEYS);
    if (map == null) {
      return new Retry(ConnectionConfig.DEFAULT_RETRY_INITIAL, ConnectionConfig.DEFAULT_RETRY_MAX);
    }
    Duration initial = map.duration("initial", ConnectionConfig.DEFAULT_RETRY_INITIAL,
        ConnectionConfig.MIN_RETRY_INITIAL, ConnectionConfig.MAX_RETRY);
    Duration fallbackMax = initial.compareTo(ConnectionConfig.DEFAULT_RETRY_MAX) > 0
        ? initial : ConnectionConfig.DEFAULT_RETRY_MAX;
    Duration max = map.duration("max", fallbackMax, ConnectionConfig.MIN_RETRY_INITIAL,
        ConnectionConfig.MAX_RETRY);
    if (max.compareTo(initial) < 0) {
      map.error("max", Durations.format(max) + " is below initial " + Durations.format(initial)
          + "; make max at least " + Durations.format(initial));
      max = initial;
    }
    return new Retry(initial, max);
  }

  private record Retry(Duration initial, Duration max) {}

  /** The connection's driver: the one {@code driver:} names, or the one of its endpoint's scheme. */
  private @Nullable DriverFactory driverOf(Node node) {
    String driver = peek(node, "driver", problems.env());
    if (driver != null) {
      return InstalledDrivers.named(driver);
    }
    String endpoint = peek(node, "endpoint", problems.env());
    int colon = endpoint == null ? -1 : endpoint.indexOf(':');
    return colon <= 0 ? null : InstalledDrivers.forScheme(endpoint.substring(0, colon));
  }

  /**
   * The keys of a connection: the gateway's common ones and those its driver declares (without a
   * known driver, reported on the endpoint or driver key, every driver key is let through).
   */
  private static List<String> keys(@Nullable DriverFactory factory) {
    List<String> keys = new ArrayList<>(KEYS);
    keys.addAll(factory == null ? InstalledDrivers.connectionKeys() : factory.connectionKeys());
    return keys;
  }

  /**
   * What is wrong with an endpoint: not a URL, or a scheme no installed driver serves (or not the
   * one {@code driver} names); null when fine.
   */
  static @Nullable String endpointProblem(String endpoint, @Nullable String driver) {
    URI uri;
    try {
      uri = new URI(endpoint.strip());
    } catch (URISyntaxException e) {
      return "'" + endpoint + "' is not a URL (" + e.getReason() + "); write "
          + "opc.tcp://<host>:<port>/<path>";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    var factory = InstalledDrivers.forScheme(scheme);
    if (factory == null) {
      return "'" + endpoint + "' is not an endpoint of an installed driver ("
          + InstalledDrivers.describe() + "); write e.g. opc.tcp://10.20.1.15:4840";
    }
    if (driver != null && InstalledDrivers.named(driver) != null
        && !factory.name().equalsIgnoreCase(driver)) {
      return "'" + endpoint + "' is an endpoint of driver " + factory.name() + ", not of "
          + driver + "; remove driver: or write an endpoint the " + driver + " driver serves";
    }
    if (uri.getHost() == null) {
      return "'" + endpoint + "' has no host name; write opc.tcp://<host>:<port>/<path>";
    }
    return null;
  }

  /** The endpoint's host, null when it is not a URL with one (reported on the endpoint). */
  private static @Nullable String host(String endpoint) {
    try {
      return new URI(endpoint.strip()).getHost();
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static @Nullable Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      // not a date-time with an offset; a plain date is the other form we take
    }
    try {
      return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * A key's substituted text read ahead of the mapping, to name the item in error paths; null
   * when absent or unusable (reading the mapping reports why).
   */
  static @Nullable String peek(Node node, String key, Map<String, String> env) {
    if (!(node instanceof MappingNode mapping)) {
      return null;
    }
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)
          && tuple.getValueNode() instanceof ScalarNode v) {
        try {
          return EnvSubstitution.apply(v.getValue(), env).strip();
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
    }
    return null;
  }
}
