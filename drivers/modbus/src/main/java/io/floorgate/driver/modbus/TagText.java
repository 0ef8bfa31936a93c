package io.floorgate.driver.modbus;

import java.util.Locale;

/**
 * A tag's address in one line of text, the form the gateway keeps and shows (the tag's
 * {@code _meta}, logs) and hands back to the driver: {@code hr:100 float32 CDAB}, with
 * {@code unit=2} when the tag has a unit id of its own. Always 0-based with the table's prefix,
 * whatever notation the configuration used.
 */
final class TagText {

  private TagText() {}

  static String of(ModbusTag tag) {
    return prefix(tag.address().table()) + ":" + tag.address().offset() + " " + tag.type() + " "
        + tag.order() + (tag.unitId() == null ? "" : " unit=" + tag.unitId());
  }

  /** @throws IllegalArgumentException when the text is not what {@link #of} writes */
  static ModbusTag parse(String key, String text) {
    String[] parts = text.trim().split("\\s+");
    if (parts.length < 3 || parts.length > 4) {
      throw new IllegalArgumentException("tag '" + key + "': address text '" + text
          + "' is not 'table:offset type order [unit=N]'");
    }
    ModbusTag tag = ModbusTag.parse(key, parts[0], parts[1], parts[2]);
    if (parts.length == 4) {
      if (!parts[3].toLowerCase(Locale.ROOT).startsWith("unit=")) {
        throw new IllegalArgumentException("tag '" + key + "': '" + parts[3] + "' is not unit=N");
      }
      tag = tag.withUnitId(Integer.parseInt(parts[3].substring(5)));
    }
    return tag;
  }

  private static String prefix(Table table) {
    return switch (table) {
      case HOLDING_REGISTER -> "hr";
      case INPUT_REGISTER -> "ir";
      case COIL -> "coil";
      case DISCRETE_INPUT -> "di";
    };
  }
}
