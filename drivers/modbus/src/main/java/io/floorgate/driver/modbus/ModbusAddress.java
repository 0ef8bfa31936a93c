package io.floorgate.driver.modbus;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a value lives on the device: a table and a 0-based protocol address (the number that goes
 * on the wire).
 *
 * <p>Two text forms are accepted, because device manuals use both:
 *
 * <ul>
 *   <li>{@code table:offset}, 0-based as on the wire: {@code hr:100}, {@code ir:0},
 *       {@code coil:7}, {@code di:12} (also {@code holding:}, {@code input:}, {@code co:},
 *       {@code discrete:}).
 *   <li>Modicon notation, 1-based with the table as the leading digit, 5 digits
 *       ({@code 40001}..{@code 49999}) or 6 ({@code 400001}..{@code 465536}): {@code 40001} is
 *       {@code hr:0}, {@code 30001} {@code ir:0}, {@code 00001} {@code coil:0}, {@code 10001}
 *       {@code di:0}. Coils need their leading zero ({@code 00017}).
 * </ul>
 *
 * A bare number like {@code 100} is refused: it is the classic off-by-one between the two forms.
 *
 * @param table  the data table
 * @param offset the 0-based protocol address, 0..65535
 */
record ModbusAddress(Table table, int offset) {

  ModbusAddress {
    Objects.requireNonNull(table, "table");
    if (offset < 0 || offset > 0xFFFF) {
      throw new IllegalArgumentException(table.singular() + " address " + offset
          + " is outside 0..65535 (0-based protocol address)");
    }
  }

  static ModbusAddress parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    int colon = t.indexOf(':');
    if (colon >= 0) {
      Table table = prefixTable(t.substring(0, colon).trim(), text);
      return new ModbusAddress(table, number(t.substring(colon + 1).trim(), text));
    }
    if (!t.matches("\\d{5,6}")) {
      throw new IllegalArgumentException("address '" + text + "': write it 0-based with its table"
          + " (hr:100, ir:0, coil:7, di:12) or in 5/6-digit Modicon notation (40101 = hr:100)");
    }
    Table table = Table.fromModiconPrefix(t.charAt(0) - '0');
    int oneBased = Integer.parseInt(t.substring(1));
    if (oneBased < 1 || oneBased > 0x10000) {
      throw new IllegalArgumentException("address '" + text + "': Modicon numbers count from 1"
          + " (" + table.modiconPrefix() + "0001 is the first " + table.singular() + ")");
    }
    return new ModbusAddress(table, oneBased - 1);
  }

  private static Table prefixTable(String prefix, String text) {
    return switch (prefix) {
      case "hr", "holding", "4x" -> Table.HOLDING_REGISTER;
      case "ir", "input", "3x" -> Table.INPUT_REGISTER;
      case "coil", "co", "0x" -> Table.COIL;
      case "di", "discrete", "1x" -> Table.DISCRETE_INPUT;
      default -> throw new IllegalArgumentException("address '" + text + "': unknown table '"
          + prefix + "', use hr, ir, coil or di");
    };
  }

  private static int number(String digits, String text) {
    if (!digits.matches("\\d{1,5}")) {
      throw new IllegalArgumentException("address '" + text + "': the offset after ':' must be a"
          + " number 0..65535");
    }
    return Integer.parseInt(digits);
  }

  @Override
  public String toString() {
    String prefix = switch (table) {
      case HOLDING_REGISTER -> "hr";
      case INPUT_REGISTER -> "ir";
      case COIL -> "coil";
      case DISCRETE_INPUT -> "di";
    };
    return prefix + ":" + offset;
  }
}
