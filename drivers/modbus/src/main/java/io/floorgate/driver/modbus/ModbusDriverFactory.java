package io.floorgate.driver.modbus;

import io.floorgate.driver.ConfigSection;
import io.floorgate.driver.ConnectionSpec;
import io.floorgate.driver.Driver;
import io.floorgate.driver.DriverFactory;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The Modbus TCP driver as a plug-in: {@code driver: modbus}, endpoints
 * {@code modbus+tcp://host[:502]}. It reads its own keys: the connection's {@code modbus:}
 * section ({@link ModbusSettings}) and each tag's {@code address}, {@code dataType},
 * {@code order} and {@code unitId}, every mistake reported with its line.
 */
public final class ModbusDriverFactory implements DriverFactory {

  static final String SCHEME = "modbus+tcp";
  private static final List<String> SETTINGS_KEYS = List.of("unitId", "maxRegistersPerRead",
      "maxBitsPerRead", "maxGap", "timeout", "writeMultiple");

  @Override
  public String name() {
    return "modbus";
  }

  @Override
  public List<String> schemes() {
    return List.of(SCHEME);
  }

  @Override
  public List<String> connectionKeys() {
    return List.of("modbus");
  }

  @Override
  public List<String> tagKeys() {
    return List.of("address", "dataType", "order", "unitId");
  }

  @Override
  public @Nullable Object readConnection(ConfigSection connection) {
    if (!connection.has("modbus")) {
      return ModbusSettings.DEFAULTS;
    }
    ConfigSection m = connection.section("modbus", SETTINGS_KEYS);
    if (m == null) {
      return null;
    }
    int unitId = m.integer("unitId", ModbusSettings.DEFAULT_UNIT_ID, 0, 255);
    int maxRegisters = m.integer("maxRegistersPerRead", ReadLimits.DEFAULT.maxRegistersPerRead(),
        1, 125);
    int maxBits = m.integer("maxBitsPerRead", ReadLimits.DEFAULT.maxBitsPerRead(), 1, 2000);
    int maxGap = m.integer("maxGap", Math.min(ReadLimits.DEFAULT.maxGap(), maxRegisters - 1), 0,
        124);
    Duration timeout = m.duration("timeout", ModbusSettings.DEFAULT_TIMEOUT,
        ModbusSettings.MIN_TIMEOUT, ModbusSettings.MAX_TIMEOUT);
    boolean writeMultiple = m.bool("writeMultiple", false);
    if (maxGap >= maxRegisters) {
      m.error("maxGap", maxGap + " must be below maxRegistersPerRead (" + maxRegisters + ")");
      return null;
    }
    return new ModbusSettings(unitId, new ReadLimits(maxRegisters, maxBits, maxGap), timeout,
        writeMultiple);
  }

  @Override
  public @Nullable String readTag(ConfigSection tag, boolean writable) {
    String address = tag.required("address", "hr:100 (0-based) or 40101");
    String defaultType = address != null && isBitTable(address) ? "bool" : "uint16";
    String dataType = tag.has("dataType") ? tag.string("dataType") : defaultType;
    String order = tag.has("order") ? tag.string("order") : "ABCD";
    Integer unitId = tag.has("unitId") ? tag.integer("unitId", 0, 0, 255) : null;
    if (address == null || dataType == null || order == null) {
      return null;
    }
    ModbusTag parsed;
    try {
      parsed = ModbusTag.parse("tag", address, dataType, order).withUnitId(unitId);
    } catch (IllegalArgumentException e) {
      tag.error(keyOf(e.getMessage()), e.getMessage());
      return null;
    }
    if (writable && !parsed.address().table().isWritable()) {
      tag.error("address", "is an " + parsed.address().table().singular() + ", which Modbus "
          + "cannot write; remove writable: true, or map the value to a holding register or coil");
      return null;
    }
    return TagText.of(parsed);
  }

  /** Which key a parse error is about, so its line is the right one. */
  private static String keyOf(String message) {
    String m = message.toLowerCase(java.util.Locale.ROOT);
    if (m.contains("order")) {
      return "order";
    }
    if (m.contains("type") || m.contains("bool") || m.contains("string(")) {
      return "dataType";
    }
    return "address";
  }

  private static boolean isBitTable(String address) {
    try {
      return ModbusAddress.parse(address).table().isBits();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public Driver create(ConnectionSpec spec) {
    return new ModbusDriver(spec);
  }
}
