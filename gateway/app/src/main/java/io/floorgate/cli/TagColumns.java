package io.floorgate.cli;

import io.floorgate.config.ValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The columns of a tag list for one driver, and how a row becomes a tag of the YAML. Columns are
 * the tag's YAML keys, nested ones flattened ({@code scale.rawLow} is {@code scaleRawLow}): the
 * driver's address columns, then the gateway's common ones.
 */
enum TagColumns {

  /** OPC UA: a node id per tag. */
  OPCUA("opcua", List.of("node")) {
    @Override
    void address(CsvRow row, Map<String, Object> tag) {
      put(tag, "node", row.required("node", "ns=2;s=RHK01.Zone01.TempPV"));
    }
  },

  /**
   * Modbus: the columns become the Modbus driver's tag keys ({@code address}, {@code dataType},
   * {@code order}, {@code unitId}); a {@code bit} column makes the type {@code bit(N)}, and a
   * string's length is written in its type ({@code string(10)}). The driver itself checks what
   * they mean when the block is checked.
   */
  MODBUS("modbus", List.of("address", "dataType", "order", "unitId", "bit")) {
    @Override
    void address(CsvRow row, Map<String, Object> tag) {
      put(tag, "address", modbusAddress(row));
      Long bit = row.whole("bit", 0, 15);
      String type = row.text("dataType");
      if (type != null && !DATA_TYPE.matcher(type.strip()).matches()) {
        row.error("dataType", "'" + type + "' is not one of " + String.join(", ", DATA_TYPES)
            + ", string(N) or bit(N)");
      } else if (bit != null) {
        put(tag, "dataType", "bit(" + bit + ")");
      } else if (type != null) {
        put(tag, "dataType", type.strip().toLowerCase(Locale.ROOT));
      }
      put(tag, "order", row.choice("order", ORDERS));
      put(tag, "unitId", row.whole("unitId", 0, 255));
    }
  };

  /** The gateway's own tag keys, for every driver. */
  static final List<String> COMMON = List.of("unit", "description", "scaleRawLow",
      "scaleRawHigh", "scaleLow", "scaleHigh", "rangeLow", "rangeHigh", "deadband", "writable",
      "type");
  private static final List<String> SCALE =
      List.of("scaleRawLow", "scaleRawHigh", "scaleLow", "scaleHigh");
  private static final List<String> RANGE = List.of("rangeLow", "rangeHigh");
  private static final List<String> DATA_TYPES = List.of("bool", "int16", "uint16", "int32",
      "uint32", "int64", "uint64", "float32", "float64", "string");
  private static final Pattern DATA_TYPE = Pattern.compile(
      "(?i)(bool|u?int(16|32|64)|float(32|64)|string\\(\\d{1,3}\\)|bit\\(\\d{1,2}\\)|bit)");
  private static final List<String> ORDERS = List.of("ABCD", "CDAB", "BADC", "DCBA");
  private static final Pattern AREA_OFFSET = Pattern.compile("(hr|ir|co|di):(\\d{1,5})",
      Pattern.CASE_INSENSITIVE);
  /** Modicon numbering: 0xxxx coils, 1xxxx inputs, 3xxxx input and 4xxxx holding registers. */
  private static final Pattern MODICON = Pattern.compile("([0134])(\\d{4,5})");

  private final String driver;
  private final List<String> addressColumns;

  TagColumns(String driver, List<String> addressColumns) {
    this.driver = driver;
    this.addressColumns = addressColumns;
  }

  /** The driver's name, as {@code --driver} and a connection's {@code driver:} give it. */
  String driver() {
    return driver;
  }

  static @Nullable TagColumns named(String name) {
    return Arrays.stream(values()).filter(c -> c.driver.equalsIgnoreCase(name.strip()))
        .findFirst().orElse(null);
  }

  /** The driver's own columns: the keys it reads to address a tag. */
  List<String> addressColumns() {
    return addressColumns;
  }

  /** Every column, in the order the help lists them. */
  List<String> columns() {
    List<String> all = new ArrayList<>(List.of("path"));
    all.addAll(addressColumns);
    all.addAll(COMMON);
    return all;
  }

  /** The columns every file needs: path and the driver's first. */
  List<String> required() {
    return List.of("path", addressColumns.get(0));
  }

  /** Puts the driver's address keys of {@code row} into {@code tag}. */
  abstract void address(CsvRow row, Map<String, Object> tag);

  /**
   * The tag of one row, keys in the order the config documents them; path is checked by the
   * caller. Problems with single values are reported on the row; the rules that join keys
   * (writable needs type and range, …) are the loader's, checked on the whole block.
   */
  Map<String, Object> tag(CsvRow row, String path) {
    Map<String, Object> tag = new LinkedHashMap<>();
    tag.put("path", path);
    address(row, tag);
    put(tag, "description", row.text("description"));
    put(tag, "unit", row.text("unit"));
    put(tag, "scale", group(row, SCALE, List.of("rawLow", "rawHigh", "low", "high")));
    put(tag, "range", group(row, RANGE, List.of("low", "high")));
    put(tag, "deadband", deadband(row));
    if (row.bool("writable")) {
      tag.put("writable", true);
    }
    put(tag, "type", row.choice("type",
        Arrays.stream(ValueType.values()).map(ValueType::yamlName).toList()));
    return tag;
  }

  /** The column a tag's config key comes from: {@code scale.rawLow} from {@code scaleRawLow}. */
  static String column(String key) {
    String[] parts = key.split("\\.", 2);
    if (parts.length == 1 || parts[0].equals("deadband") || parts[1].isEmpty()) {
      return parts[0];
    }
    return parts[0] + Character.toUpperCase(parts[1].charAt(0)) + parts[1].substring(1);
  }

  /** A nested setting given as columns, all or none, e.g. scale's four. */
  private static @Nullable Map<String, Object> group(CsvRow row, List<String> columns,
      List<String> keys) {
    if (columns.stream().noneMatch(row::has)) {
      return null;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      Number n = row.number(columns.get(i));
      if (n != null) {
        values.put(keys.get(i), n);
      } else if (!row.has(columns.get(i))) {
        missing.add(columns.get(i));
      }
    }
    if (!missing.isEmpty()) {
      row.error(missing.get(0), "is empty, but " + String.join(", ", columns.stream()
          .filter(row::has).toList()) + " given; " + String.join(", ", columns)
          + " go together: fill in all of them or none");
    }
    return values.size() == columns.size() ? values : null;
  }

  /** {@code 0.5} (absolute, in the published unit) or {@code 2%} (of the tag's range). */
  private static @Nullable Map<String, Object> deadband(CsvRow row) {
    String text = row.text("deadband");
    if (text == null) {
      return null;
    }
    boolean percent = text.endsWith("%");
    Number value = row.number("deadband",
        percent ? text.substring(0, text.length() - 1).strip() : text, text);
    if (value == null) {
      return null;
    }
    Map<String, Object> deadband = new LinkedHashMap<>();
    deadband.put("type", percent ? "percent" : "absolute");
    deadband.put("value", value);
    return deadband;
  }

  private static @Nullable String modbusAddress(CsvRow row) {
    String address = row.required("address", "hr:100 (or ir:3, co:0, di:7, 40101)");
    if (address == null) {
      return null;
    }
    Matcher area = AREA_OFFSET.matcher(address);
    if (area.matches() && Integer.parseInt(area.group(2)) <= 65_535) {
      return area.group(1).toLowerCase(Locale.ROOT) + ":" + area.group(2);
    }
    Matcher modicon = MODICON.matcher(address);
    if (modicon.matches() && Integer.parseInt(modicon.group(2)) >= 1
        && Integer.parseInt(modicon.group(2)) <= 65_536) {
      return address;
    }
    row.error("address", "'" + address + "' is not a Modbus address; write the area and the "
        + "offset from 0 (hr:100 holding register, ir:3 input register, co:0 coil, di:7 discrete "
        + "input) or the Modicon number (40101 is hr:100)");
    return null;
  }

  private static void put(Map<String, Object> tag, String key, @Nullable Object value) {
    if (value != null) {
      tag.put(key, value);
    }
  }
}
