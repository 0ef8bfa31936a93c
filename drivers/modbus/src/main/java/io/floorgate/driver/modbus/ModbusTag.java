package io.floorgate.driver.modbus;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One value to acquire from a Modbus device.
 *
 * @param key     the gateway's name for it, echoed in every {@link TagRead}
 * @param address table and 0-based address of its first register or bit
 * @param type    what the registers hold
 * @param order   how multi-byte values are laid out (ignored for {@code bool})
 * @param unitId  the unit (slave) id for this tag, 0..255, overriding the connection's; null to use
 *                the connection's (typical for a TCP device; set it behind a TCP-to-RTU gateway)
 */
record ModbusTag(String key, ModbusAddress address, DataType type, RegisterOrder order,
    @Nullable Integer unitId) {

  ModbusTag {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(order, "order");
    if (key.isBlank()) {
      throw new IllegalArgumentException("tag at " + address + ": the key must not be blank");
    }
    Table table = address.table();
    if (table.isBits() && type.kind() != DataType.Kind.BOOL) {
      throw new IllegalArgumentException("tag '" + key + "': " + table.plural() + " hold single"
          + " bits, so the type must be bool, not " + type);
    }
    if (!table.isBits() && type.kind() == DataType.Kind.BOOL) {
      throw new IllegalArgumentException("tag '" + key + "': bool is for coils and discrete inputs;"
          + " for a bit inside a " + table.singular() + " use bit(0..15)");
    }
    if (address.offset() + Math.max(1, type.registers()) - 1 > 0xFFFF) {
      throw new IllegalArgumentException("tag '" + key + "': " + type + " at " + address
          + " runs past the last address 65535");
    }
    if (unitId != null && (unitId < 0 || unitId > 255)) {
      throw new IllegalArgumentException("tag '" + key + "': unit id " + unitId
          + " is outside 0..255");
    }
  }

  /** A tag in big-endian order on the connection's unit id. */
  ModbusTag(String key, ModbusAddress address, DataType type) {
    this(key, address, type, RegisterOrder.ABCD, null);
  }

  /** From the config's text forms, e.g. {@code ("pv", "hr:100", "float32", "CDAB")}. */
  static ModbusTag parse(String key, String address, String type, String order) {
    return new ModbusTag(key, ModbusAddress.parse(address), DataType.parse(type),
        RegisterOrder.parse(order), null);
  }

  ModbusTag withUnitId(@Nullable Integer unit) {
    return new ModbusTag(key, address, type, order, unit);
  }

  /** The unit id requests for this tag go to. */
  int unitIdOr(int connectionUnitId) {
    return unitId != null ? unitId : connectionUnitId;
  }

  /** Registers (or bits, in a bit table) the tag spans. */
  int width() {
    return address.table().isBits() ? 1 : type.registers();
  }

  /** Address of the tag's last register or bit. */
  int lastOffset() {
    return address.offset() + width() - 1;
  }
}
