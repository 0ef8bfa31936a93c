package io.floorgate.cli;

import io.floorgate.config.UnitSymbols;
import io.floorgate.driver.SecuritySpec;
import io.floorgate.driver.UserIdentity;
import io.floorgate.driver.opcua.BrowsedNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A configuration that runs as is, from what {@code browse} found: one connection, one group, a
 * tag per variable, its path made from the browse names, its unit and range where the server
 * has them and its data type in the description.
 */
final class ConfigSkeleton {

  private final String endpoint;
  private final String name;
  private final String area;
  private final String enterprise;
  private final String site;
  private final SecuritySpec security;
  private final List<Map<String, Object>> tags = new ArrayList<>();
  private final Set<String> paths = new HashSet<>();

  ConfigSkeleton(String endpoint, String name, String area, String enterprise, String site,
      SecuritySpec security) {
    this.endpoint = endpoint;
    this.name = name;
    this.area = area;
    this.enterprise = enterprise;
    this.site = site;
    this.security = security;
  }

  int size() {
    return tags.size();
  }

  void add(BrowsedNode node) {
    if (!node.variable()) {
      return;
    }
    Map<String, Object> tag = new LinkedHashMap<>();
    tag.put("path", uniquePath(node.path()));
    tag.put("node", node.nodeId());
    String type = node.dataType() == null ? "unknown type" : node.dataType();
    StringBuilder description = new StringBuilder(String.join("/", node.path()))
        .append(" (").append(type).append(node.array() ? " array" : "").append(')');
    if (node.description() != null) {
      description.append(": ").append(node.description());
    }
    String unit = node.unit();
    if (unit != null && !knownUnit(unit)) {
      description.append(" [unit ").append(unit).append(']');
      unit = null;
    }
    tag.put("description", description.toString());
    if (unit != null) {
      tag.put("unit", unit);
    }
    if (node.rangeLow() != null && node.rangeHigh() != null && node.rangeLow() < node.rangeHigh()) {
      Map<String, Object> range = new LinkedHashMap<>();
      range.put("low", node.rangeLow());
      range.put("high", node.rangeHigh());
      tag.put("range", range);
    }
    tags.add(tag);
  }

  private static boolean knownUnit(String unit) {
    try {
      UnitSymbols.parse(unit);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private String uniquePath(List<String> browsePath) {
    List<String> levels = new ArrayList<>();
    for (String name : browsePath) {
      String level = asLevel(name);
      levels.add(level.isEmpty() ? "node" : level);
    }
    String base = String.join("/", levels);
    String path = base;
    for (int n = 2; !paths.add(path); n++) {
      path = base + "-" + n;
    }
    return path;
  }

  /** Lowercase; spaces, dots and anything else not allowed in a topic level become '-'. */
  static String asLevel(String value) {
    return value.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-")
        .replaceAll("^-+|-+$", "");
  }

  String yaml(String source) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("namespace", Map.of("enterprise", enterprise, "site", site));
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
    group.put("tags", tags);
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
        + " key.\n" + new Yaml(options).dump(root);
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
