package io.floorgate.config;

import io.floorgate.driver.AcquisitionMode;
import io.floorgate.driver.Deadband;
import io.floorgate.driver.DriverFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.Node;

/** Reads one item of a connection's {@code groups}, and its tags. */
final class GroupReader {

  private static final List<String> KEYS = List.of("name", "mode", "samplingInterval",
      "publishingInterval", "queueSize", "deadband", "pollInterval", TagTemplates.DEFAULTS,
      "tags");
  private static final List<String> SUBSCRIPTION_ONLY =
      List.of("samplingInterval", "publishingInterval", "queueSize");
  private static final List<String> DEADBAND_KEYS = List.of("type", "value");
  private static final Map<String, AcquisitionMode> MODES = Map.of(
      "subscription", AcquisitionMode.SUBSCRIPTION,
      "polling", AcquisitionMode.POLLING);
  private static final Map<String, Deadband.Kind> DEADBAND_KINDS = Map.of(
      "absolute", Deadband.Kind.ABSOLUTE,
      "percent", Deadband.Kind.PERCENT);

  private final Problems problems;
  private final TagReader tagReader;

  /** @param driver the connection's driver plug-in; null when unknown (reported) */
  GroupReader(Problems problems, Map<String, Integer> tagPaths, String area,
      @Nullable DriverFactory driver) {
    this.problems = problems;
    this.tagReader = new TagReader(problems, tagPaths, area, driver);
  }

  @Nullable GroupConfig read(Node node, String listPath, int index, Map<String, Integer> names) {
    String given = ConnectionReader.peek(node, "name", problems.env());
    String path = listPath + (given != null && Names.levelProblem(given) == null
        ? "." + given : "[" + index + "]");
    YamlMap map = YamlMap.of(node, path, problems, KEYS);
    if (map == null) {
      return null;
    }
    int before = problems.count();
    String name = ConfigReader.level(map, "name", "zones");
    if (name != null) {
      Integer first = names.putIfAbsent(name, Problems.line(map.value("name")));
      if (first != null) {
        map.error("name", "'" + name + "' is already the name of the group at line " + first
            + "; give each group of this connection its own name");
      }
    }
    AcquisitionMode mode = map.choice("mode", GroupConfig.DEFAULT_MODE, MODES);
    boolean polling = mode == AcquisitionMode.POLLING;
    if (polling) {
      for (String key : SUBSCRIPTION_ONLY) {
        if (map.has(key)) {
          map.error(key, "applies to subscription groups only and this group polls; remove it, "
              + "or set mode: subscription");
        }
      }
      if (map.has("deadband")) {
        map.error("deadband", "a group deadband is the server's filter for subscriptions; in a "
            + "polling group give each tag its own deadband");
      }
    } else if (map.has("pollInterval")) {
      map.error("pollInterval", "applies to polling groups only and this group is a "
          + "subscription; remove it, or set mode: polling");
    }
    Duration sampling = map.duration("samplingInterval", GroupConfig.DEFAULT_SAMPLING_INTERVAL,
        GroupConfig.MIN_SAMPLING_INTERVAL, GroupConfig.MAX_INTERVAL);
    Duration publishing = map.duration("publishingInterval",
        GroupConfig.DEFAULT_PUBLISHING_INTERVAL, GroupConfig.MIN_PUBLISHING_INTERVAL,
        GroupConfig.MAX_INTERVAL);
    int queueSize = map.integer("queueSize", GroupConfig.DEFAULT_QUEUE_SIZE, 1,
        GroupConfig.MAX_QUEUE_SIZE);
    Duration poll = map.duration("pollInterval", GroupConfig.DEFAULT_POLL_INTERVAL,
        GroupConfig.MIN_POLL_INTERVAL, GroupConfig.MAX_INTERVAL);
    Deadband deadband = polling ? null : deadband(map);

    List<TagConfig> tags = new ArrayList<>();
    List<Node> items = new TagTemplates(problems).expand(map.nonEmptyList("tags",
        "add the tags this group reads, each with path and node"), map);
    for (int i = 0; i < items.size(); i++) {
      TagConfig tag = tagReader.read(items.get(i), map.child("tags"), i, polling);
      if (tag != null) {
        tags.add(tag);
      }
    }
    if (problems.count() > before || name == null) {
      return null;
    }
    return new GroupConfig(name, mode, sampling, publishing, queueSize, deadband, poll, tags);
  }

  /**
   * {@code deadband: { type: absolute|percent, value: n }}, type defaulting to absolute; null when
   * absent or wrong.
   */
  static @Nullable Deadband deadband(YamlMap parent) {
    YamlMap map = parent.map("deadband", DEADBAND_KEYS);
    if (map == null) {
      return null;
    }
    Deadband.Kind kind = map.choice("type", Deadband.Kind.ABSOLUTE, DEADBAND_KINDS);
    Double value = map.number("value", true);
    if (value == null) {
      return null;
    }
    if (value < 0) {
      map.error("value", "is negative; a deadband is 0 or more");
      return null;
    }
    if (kind == Deadband.Kind.PERCENT && value > 100) {
      map.error("value", Scalars.format(value) + " is above 100; a percent deadband is at "
          + "most 100");
      return null;
    }
    return new Deadband(kind, value);
  }
}
