package io.floorgate.driver.modbus;

import java.util.Locale;

/**
 * How a device lays a multi-byte value out over its 16-bit registers, named after where the bytes
 * of a 32-bit value {@code A B C D} (A most significant) land on the wire, register after
 * register. The same two swaps apply to every width:
 *
 * <ul>
 *   <li>{@link #ABCD} big-endian, the Modbus default: {@code [A B][C D]}; 64-bit
 *       {@code [A B][C D][E F][G H]}.
 *   <li>{@link #CDAB} word-swapped (lowest register holds the least significant word, common on
 *       energy meters and many PLCs): {@code [C D][A B]}; 64-bit {@code [G H][E F][C D][A B]}.
 *   <li>{@link #BADC} byte-swapped inside each register: {@code [B A][D C]}; 64-bit
 *       {@code [B A][D C][F E][H G]}.
 *   <li>{@link #DCBA} little-endian, both swaps: {@code [D C][B A]}; 64-bit
 *       {@code [H G][F E][D C][B A]}.
 * </ul>
 *
 * <p>16-bit values and bits in a register only see the byte swap. Strings only see the byte swap
 * too: devices keep text in ascending registers whatever their word order.
 */
enum RegisterOrder {
  ABCD(false, false),
  CDAB(true, false),
  BADC(false, true),
  DCBA(true, true);

  private final boolean wordSwap;
  private final boolean byteSwap;

  RegisterOrder(boolean wordSwap, boolean byteSwap) {
    this.wordSwap = wordSwap;
    this.byteSwap = byteSwap;
  }

  /** The least significant register comes first. */
  boolean wordSwap() {
    return wordSwap;
  }

  /** The low byte of each register comes first. */
  boolean byteSwap() {
    return byteSwap;
  }

  /** Accepts the names in any case, and the aliases {@code big}, {@code little}. */
  static RegisterOrder parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    return switch (t) {
      case "ABCD", "BIG", "BIG-ENDIAN" -> ABCD;
      case "DCBA", "LITTLE", "LITTLE-ENDIAN" -> DCBA;
      case "BADC", "BYTE-SWAPPED" -> BADC;
      case "CDAB", "WORD-SWAPPED" -> CDAB;
      default -> throw new IllegalArgumentException("unknown register order '" + text
          + "': use ABCD (big-endian), CDAB (word-swapped), BADC (byte-swapped) or DCBA"
          + " (little-endian)");
    };
  }
}
