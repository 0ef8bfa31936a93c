package io.floorgate.cli;

import io.floorgate.config.ConfigError;
import io.floorgate.config.ConfigException;
import io.floorgate.config.ConfigLoader;
import io.floorgate.driver.DriverFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The {@code groups:} block {@code import-tags} writes — one group of the imported tags — and the
 * gateway's own check of it: the block is put under a stand-in connection and read by the config
 * loader, so that whatever {@code check} would refuse is reported against the row it came from.
 */
final class TagBlock {

  /** One tag, with the line of the row it was read from. */
  record Tag(int line, String path, Map<String, Object> keys) {}

  private static final String STAND_IN = "imported";
  /** Addresses the stand-in tags of a driver that is not installed: the Objects folder. */
  private static final String STAND_IN_NODE = "i=85";

  private final TagColumns columns;
  private final String name;
  private final String mode;
  private final @Nullable String interval;
  private final List<Tag> tags;

  /** @param interval as given to {@code --interval}; null for the gateway's defaults */
  TagBlock(TagColumns columns, String name, String mode, @Nullable String interval,
      List<Tag> tags) {
    this.columns = columns;
    this.name = name;
    this.mode = mode;
    this.interval = interval;
    this.tags = List.copyOf(tags);
  }

  int size() {
    return tags.size();
  }

  boolean isEmpty() {
    return tags.isEmpty();
  }

  /** The block, after a comment that says where it came from and where it goes. */
  String yaml(String source) {
    return "# " + tags.size() + (tags.size() == 1 ? " tag" : " tags") + " imported from "
        + source + " by `floorgate import-tags --driver " + columns.driver() + "`.\n"
        + "# Paste it into the " + columns.driver() + " connection, beside its name, endpoint "
        + "and area and indented like them;\n# then run floorgate check.\n"
        + yaml(Map.of("groups", List.of(group(false))));
  }

  /**
   * Reports, against the rows, what the config loader finds wrong with the block: the rules that
   * join keys (a writable number needs type and range, a tag deadband needs a polling group, …)
   * and those of single values that only the gateway knows (units, node ids, intervals).
   *
   * @param env the environment {@code check} would substitute ${VAR} from
   */
  void check(Map<String, String> env, ImportProblems problems) {
    DriverFactory installed = installed(columns.driver());
    Map<String, Object> connection = new LinkedHashMap<>();
    connection.put("name", STAND_IN);
    if (installed != null) {
      connection.put("driver", installed.name());
      connection.put("endpoint", installed.schemes().get(0) + "://127.0.0.1");
    } else {
      connection.put("endpoint", "opc.tcp://127.0.0.1:4840");
    }
    connection.put("area", STAND_IN);
    connection.put("groups", List.of(group(installed == null)));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("namespace", Map.of("enterprise", STAND_IN, "site", STAND_IN));
    root.put("mqtt", Map.of("url", "tcp://127.0.0.1:1883"));
    root.put("connections", List.of(connection));
    try {
      ConfigLoader.parse(yaml(root), "import", env);
    } catch (ConfigException e) {
      e.errors().forEach(error -> report(error, problems));
    }
  }

  /** A loader error on the group or a tag, reported on the option or row it came from. */
  private void report(ConfigError error, ImportProblems problems) {
    String rest = null;
    for (String group : List.of(".groups." + name, ".groups[0]")) {
      String prefix = "connections." + STAND_IN + group;
      if (error.path().startsWith(prefix)) {
        rest = error.path().substring(prefix.length());
      }
    }
    if (rest == null) {
      return; // the stand-in connection's own, not the block's
    }
    if (!rest.startsWith(".tags")) {
      String key = rest.isEmpty() ? "" : rest.substring(1);
      problems.add(0, key.equals("name") ? "--group" : key.equals("mode") ? "--mode"
          : key.endsWith("Interval") ? "--interval" : key, error.message());
      return;
    }
    for (int i = 0; i < tags.size(); i++) {
      Tag tag = tags.get(i);
      for (String item : List.of(".tags." + tag.path(), ".tags[" + i + "]")) {
        if (rest.equals(item) || rest.startsWith(item + ".")) {
          String key = rest.substring(item.length());
          problems.add(tag.line(), key.isEmpty() ? "" : TagColumns.column(key.substring(1)),
              error.message());
          return;
        }
      }
    }
    problems.add(0, "", error.message());
  }

  /**
   * The group; with {@code standIn}, each tag addressed by a node id in place of the driver's
   * keys, so that the loader checks the gateway's common keys of a driver it does not have.
   */
  private Map<String, Object> group(boolean standIn) {
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("name", name);
    group.put("mode", mode);
    if (interval != null) {
      if (mode.equals("polling")) {
        group.put("pollInterval", interval);
      } else {
        group.put("samplingInterval", interval);
        group.put("publishingInterval", interval);
      }
    }
    group.put("tags", tags.stream().map(t -> standIn ? standIn(t.keys()) : t.keys()).toList());
    return group;
  }

  private Map<String, Object> standIn(Map<String, Object> keys) {
    Map<String, Object> tag = new LinkedHashMap<>();
    keys.forEach((key, value) -> {
      if (key.equals("path")) {
        tag.put(key, value);
        tag.put("node", STAND_IN_NODE);
      } else if (!columns.addressColumns().contains(key)) {
        tag.put(key, value);
      }
    });
    return tag;
  }

  private static @Nullable DriverFactory installed(String driver) {
    for (DriverFactory factory : ServiceLoader.load(DriverFactory.class)) {
      if (factory.name().equalsIgnoreCase(driver)) {
        return factory;
      }
    }
    return null;
  }

  private static String yaml(Object document) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    options.setSplitLines(false);
    options.setAllowUnicode(true);
    return new Yaml(options).dump(document);
  }
}
