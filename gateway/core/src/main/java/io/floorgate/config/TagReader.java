package io.floorgate.config;

import io.floorgate.driver.Deadband;
import io.floorgate.driver.DriverFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.measure.Unit;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads one item of a group's {@code tags}: where the value is, and how it becomes a reading. */
final class TagReader {

  /** The gateway's own keys; the connection's driver adds those that address a tag. */
  private static final List<String> KEYS = List.of("path", "description", "unit",
      "sourceUnit", "scale", "range", "enum", "deadband", "writable", "type");
  private static final List<String> SCALE_KEYS =
      List.of("rawLow", "rawHigh", "low", "high", "clamp");
  private static final List<String> RANGE_KEYS = List.of("low", "high");

  private final Problems problems;
  private final Map<String, Integer> tagPaths;
  private final String area;
  /** Parsed units by symbol: a plant has thousands of tags and a dozen units. */
  private final Map<String, Unit<?>> units = new HashMap<>();

  /** Reads and checks the tag's address; null when no installed driver serves the connection. */
  private final @Nullable DriverFactory driver;
  private final List<String> keys;

  TagReader(Problems problems, Map<String, Integer> tagPaths, String area,
      @Nullable DriverFactory driver) {
    this.problems = problems;
    this.tagPaths = tagPaths;
    this.area = area;
    this.driver = driver;
    List<String> all = new ArrayList<>(KEYS);
    // Without a driver (reported on the connection) any address key is let through unread.
    all.addAll(driver == null ? InstalledDrivers.tagKeys() : driver.tagKeys());
    this.keys = List.copyOf(all);
  }

  @Nullable TagConfig read(Node node, String listPath, int index, boolean polling) {
    String given = ConnectionReader.peek(node, "path", problems.env());
    String itemPath = listPath + (given != null && Names.pathProblem(given) == null
        ? "." + given : "[" + index + "]");
    YamlMap map = YamlMap.of(node, itemPath, problems, keys);
    if (map == null) {
      return null;
    }
    int before = problems.count();
    String path = map.required("path", "rhk01/zone01/temperature");
    if (path != null) {
      path = path.strip();
      String problem = Names.pathProblem(path);
      if (problem != null) {
        map.error("path", problem);
      } else {
        String full = area + "/" + path;
        Integer first = tagPaths.putIfAbsent(full, Problems.line(map.value("path")));
        if (first != null) {
          map.error("path", "'" + path + "' is already the path of the tag at line " + first
              + (area.isEmpty() ? "" : " in area " + area) + "; give every tag its own path");
        }
      }
    }
    // The address is the driver's to read and check; the gateway keeps its text.
    String nodeId = driver != null ? driver.readTag(map, map.bool("writable", false)) : "?";
    String description = map.string("description");
    String unit = unit(map, "unit");
    String sourceUnit = unit(map, "sourceUnit");
    if (map.has("sourceUnit") && !map.has("unit")) {
      map.error("sourceUnit", "says what the PLC sends, but there is no unit to convert it to; "
          + "add unit: (e.g. °C), or rename sourceUnit to unit to publish as sent");
    } else if (unit != null && sourceUnit != null) {
      Unit<?> to = units.get(unit);
      Unit<?> from = units.get(sourceUnit);
      if (from != null && to != null && !UnitSymbols.compatible(from, to)) {
        map.error("sourceUnit", sourceUnit + " (" + UnitSymbols.quantityOf(from) + ") cannot be "
            + "converted to " + unit + " (" + UnitSymbols.quantityOf(to) + "); sourceUnit is the "
            + "unit the PLC sends and unit the one to publish, of the same quantity");
      }
    }
    if (unit != null && path != null) {
      String doubt = UnitHints.doubt(unit, units.get(unit), path, description);
      if (doubt != null) {
        map.warning("unit", doubt);
      }
    }
    Scaling scaling = scaling(map);
    Range range = range(map);
    Map<Long, String> enumMap = enumMap(map);
    if (!enumMap.isEmpty()) {
      for (String key : List.of("scale", "sourceUnit")) {
        if (map.has(key)) {
          map.error(key, "an enum tag publishes state names, which are not scaled or converted; "
              + "remove " + key + " or enum");
        }
      }
    }
    Deadband deadband = null;
    if (map.has("deadband") && !polling) {
      map.error("deadband", "a tag deadband is applied by the gateway to polled values; in a "
          + "subscription group set deadband on the group (the server filters), or poll the tag");
    } else {
      deadband = GroupReader.deadband(map);
      if (deadband != null && deadband.kind() == Deadband.Kind.PERCENT && range == null
          && !map.has("range")) {
        map.error("deadband", "a percent deadband is a share of the tag's range; add "
            + "range: { low: …, high: … }, or use type: absolute");
      }
    }
    boolean writable = map.bool("writable", false);
    ValueType type = WriteChecks.type(map, writable, range);
    if (problems.count() > before || path == null || nodeId == null) {
      return null;
    }
    return new TagConfig(path, nodeId, description, unit, sourceUnit, scaling, enumMap, range,
        deadband, writable, type);
  }

  /** A unit symbol that Indriya (with the plant aliases) knows; null when absent or unknown. */
  private @Nullable String unit(YamlMap map, String key) {
    String symbol = map.string(key);
    if (symbol == null) {
      return null;
    }
    symbol = symbol.strip();
    if (!units.containsKey(symbol)) {
      try {
        units.put(symbol, UnitSymbols.parse(symbol));
      } catch (IllegalArgumentException e) {
        map.error(key, e.getMessage());
        return null;
      }
    }
    return symbol;
  }

  private @Nullable Scaling scaling(YamlMap tag) {
    YamlMap map = tag.map("scale", SCALE_KEYS);
    if (map == null) {
      return null;
    }
    Double rawLow = map.number("rawLow", true);
    Double rawHigh = map.number("rawHigh", true);
    Double low = map.number("low", true);
    Double high = map.number("high", true);
    boolean clamp = map.bool("clamp", false);
    if (rawLow == null || rawHigh == null || low == null || high == null) {
      return null;
    }
    if (rawLow.equals(rawHigh)) {
      map.error("rawHigh", "equals rawLow (" + Scalars.format(rawLow) + "), so no value can be "
          + "scaled; give the raw counts at both ends of the range, e.g. rawLow: 0, "
          + "rawHigh: 27648");
      return null;
    }
    if (low.equals(high)) {
      map.error("high", "equals low (" + Scalars.format(low) + "), so every value would scale "
          + "to the same number; give the engineering values at rawLow and rawHigh");
      return null;
    }
    return new Scaling(rawLow, rawHigh, low, high, clamp);
  }

  private @Nullable Range range(YamlMap tag) {
    YamlMap map = tag.map("range", RANGE_KEYS);
    if (map == null) {
      return null;
    }
    Double low = map.number("low", true);
    Double high = map.number("high", true);
    if (low == null || high == null) {
      return null;
    }
    if (!(low < high)) {
      map.error("high", Scalars.format(high) + " is not above low " + Scalars.format(low)
          + "; range is { low: <lowest>, "
          + "high: <highest> } in the published unit");
      return null;
    }
    return new Range(low, high);
  }

  /** {@code enum: { 0: idle, 1: charging }}: integer codes to state names. */
  private Map<Long, String> enumMap(YamlMap tag) {
    YamlMap map = tag.map("enum", null);
    if (map == null) {
      return Map.of();
    }
    Map<Long, String> states = new LinkedHashMap<>();
    for (NodeTuple entry : map.entries()) {
      String key = ((ScalarNode) entry.getKeyNode()).getValue();
      Long code = Scalars.wholeNumber(key);
      String path = map.child(key);
      if (code == null) {
        problems.add(entry.getKeyNode(), path, "'" + key + "' is not an integer code; write the "
            + "PLC's number first, e.g. 0: idle");
        continue;
      }
      String name = Scalars.isNull(entry.getValueNode()) ? null
          : Scalars.scalar(entry.getValueNode(), path, problems);
      if (name == null || name.isBlank()) {
        if (name != null || Scalars.isNull(entry.getValueNode())) {
          problems.add(entry.getKeyNode(), path,
              "has no state name; write e.g. " + code + ": idle");
        }
        continue;
      }
      if (states.putIfAbsent(code, name.strip()) != null) {
        problems.add(entry.getKeyNode(), path, "code " + code + " is listed twice; keep one");
      }
    }
    if (states.isEmpty() && map.entries().isEmpty()) {
      tag.error("enum", "is empty; list the codes, e.g. enum: { 0: idle, 1: running }");
    }
    return states;
  }
}
