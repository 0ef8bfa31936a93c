package io.floorgate.cli;

import io.floorgate.config.UnitSymbols;
import io.floorgate.driver.SecuritySpec;
import io.floorgate.driver.UserIdentity;
import io.floorgate.driver.opcua.BrowsedNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A configuration that runs as is, from what {@code browse} found: one connection, one group, a
 * tag per variable, its path made from the browse names (see {@link TagNames}), its node id with
 * the namespace URI, its unit (by UNECE code or symbol), range and state names where the server
 * has them, and its data type in the description.
 */
final class ConfigSkeleton {

  private final String endpoint;
  private final String name;
  private final String area;
  private final String enterprise;
  private final String site;
  private final SecuritySpec security;
  private final TagNames names;
  private final BrowseTree tree = new BrowseTree();
  private int variableCount;

  ConfigSkeleton(String endpoint, String name, String area, String enterprise, String site,
      SecuritySpec security, boolean asciiNames) {
    this.endpoint = endpoint;
    this.name = name;
    this.area = area;
    this.enterprise = enterprise;
    this.site = site;
    this.security = security;
    this.names = new TagNames(asciiNames);
  }

  int size() {
    return variableCount;
  }

  /** Every node found, folders too: the tags are written in the order of the tree. */
  void add(BrowsedNode node) {
    tree.add(node);
    if (node.variable()) {
      variableCount++;
    }
  }

  /** The tags, and beside each a comment to write above it (null for none). */
  private record Tags(List<Map<String, Object>> tags, List<@Nullable String> comments) {}

  private Tags tags() {
    List<BrowsedNode> variables = tree.depthFirst().stream().filter(BrowsedNode::variable)
        .toList();
    List<String> paths = names.paths(variables.stream().map(BrowsedNode::path).toList(),
        variables.stream().map(BrowsedNode::nodeId).toList());
    List<Map<String, Object>> tags = new ArrayList<>();
    List<@Nullable String> comments = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      BrowsedNode node = variables.get(i);
      Map<String, Object> tag = new LinkedHashMap<>();
      tag.put("path", paths.get(i));
      tag.put("node", node.nodeId());
      String type = node.dataType() == null ? "unknown type" : node.dataType();
      StringBuilder description = new StringBuilder(String.join("/", node.path()))
          .append(" (").append(type).append(node.array() ? " array" : "").append(')');
      if (node.description() != null) {
        description.append(": ").append(node.description());
      }
      tag.put("description", description.toString());
      String comment = null;
      if (!node.states().isEmpty()) {
        // State names are published in place of codes: no unit, range or scale applies.
        tag.put("enum", new TreeMap<>(node.states()));
      } else {
        String unit = node.unit();
        if (unit != null && knownUnit(unit)) {
          tag.put("unit", unit);
        } else if (unit != null) {
          comment = "the server's unit '" + oneLine(unit) + "' is not a symbol floorgate knows; "
              + "add unit: with the symbol it means (e.g. °C, rpm, kPa)";
        }
        if (node.rangeLow() != null && node.rangeHigh() != null
            && node.rangeLow() < node.rangeHigh()) {
          Map<String, Object> range = new LinkedHashMap<>();
          range.put("low", node.rangeLow());
          range.put("high", node.rangeHigh());
          tag.put("range", range);
        }
      }
      tags.add(tag);
      comments.add(comment);
    }
    return new Tags(tags, comments);
  }

  private static boolean knownUnit(String unit) {
    try {
      UnitSymbols.parse(unit);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\p{Cntrl}", " ").strip();
  }

  /** Lowercase; spaces, dots and anything else not allowed in a topic level become '-'. */
  static String asLevel(String value) {
    return value.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-")
        .replaceAll("^-+|-+$", "");
  }

  /** Writes each comment on its own line above the tag it belongs to (the n-th "- path:"). */
  private static String withComments(String yaml, List<@Nullable String> comments) {
    StringBuilder out = new StringBuilder(yaml.length());
    Matcher item = TAG_ITEM.matcher("");
    int tag = 0;
    for (String line : yaml.split("\n", -1)) {
      if (item.reset(line).lookingAt()) {
        String comment = tag < comments.size() ? comments.get(tag) : null;
        if (comment != null) {
          out.append(item.group(1)).append("# ").append(comment).append('\n');
        }
        tag++;
      }
      out.append(line).append('\n');
    }
    out.setLength(out.length() - 1);
    return out.toString();
  }

  private static final Pattern TAG_ITEM = Pattern.compile("(\\s*)- path: ");

  String yaml(String source) {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> namespace = new LinkedHashMap<>();
    namespace.put("enterprise", enterprise);
    namespace.put("site", site);
    root.put("namespace", namespace);
    Map<String, Object> mqtt = new LinkedHashMap<>();
    mqtt.put("url", "${FLOORGATE_MQTT_URL:-tcp://127.0.0.1:1883}");
    mqtt.put("clientId", "floorgate-" + name);
    root.put("mqtt", mqtt);
    Map<String, Object> connection = new LinkedHashMap<>();
    connection.put("name", name);
    connection.put("endpoint", endpoint);
    connection.put("area", area);
    if (security.isSecured() || !(security.identity() instanceof UserIdentity.Anonymous)) {
      connection.put("security", security());
    }
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("name", "browsed");
    group.put("mode", "subscription");
    group.put("samplingInterval", "500ms");
    group.put("publishingInterval", "1s");
    Tags tags = tags();
    group.put("tags", tags.tags());
    connection.put("groups", List.of(group));
    root.put("connections", List.of(connection));

    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(0);
    options.setWidth(120);
    options.setAllowUnicode(true);
    return "# Floorgate configuration written by `floorgate browse` from " + source + ".\n"
        + "# One tag per variable found; the description gives its browse path and data type.\n"
        + "# Rename paths and groups as the plant's naming asks; see config/isohara.yaml for every"
        + " key.\n" + withComments(new Yaml(options).dump(root), tags.comments());
  }

  private Map<String, Object> security() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("policy", security.policy().specName());
    s.put("mode", security.mode().specName());
    if (security.identity() instanceof UserIdentity.UserName user) {
      s.put("identity", "username");
      s.put("username", user.username());
      s.put("password", "${FLOORGATE_PLC_PASSWORD}");
    } else if (security.identity() instanceof UserIdentity.X509 x509) {
      s.put("identity", "x509");
      s.put("certificate", x509.certificate().toString());
      s.put("privateKey", x509.privateKey().toString());
    }
    s.put("pki", security.pkiDir().toString());
    if (security.trustOnFirstUse()) {
      s.put("trustOnFirstUse", true);
    }
    return s;
  }
}
