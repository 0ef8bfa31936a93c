package io.floorgate.driver.modbus;

/**
 * The four Modbus data tables. Registers are 16 bits wide; coils and discrete inputs are single
 * bits, read in packed bytes.
 */
enum Table {
  COIL("coil", "coils", true, true, 0),
  DISCRETE_INPUT("discrete input", "discrete inputs", true, false, 1),
  INPUT_REGISTER("input register", "input registers", false, false, 3),
  HOLDING_REGISTER("holding register", "holding registers", false, true, 4);

  private final String singular;
  private final String plural;
  private final boolean bits;
  private final boolean writable;
  private final int modiconPrefix;

  Table(String singular, String plural, boolean bits, boolean writable, int modiconPrefix) {
    this.singular = singular;
    this.plural = plural;
    this.bits = bits;
    this.writable = writable;
    this.modiconPrefix = modiconPrefix;
  }

  /** True for coils and discrete inputs. */
  boolean isBits() {
    return bits;
  }

  boolean isWritable() {
    return writable;
  }

  /** The leading digit of the Modicon notation: 0xxxx, 1xxxx, 3xxxx, 4xxxx. */
  int modiconPrefix() {
    return modiconPrefix;
  }

  String singular() {
    return singular;
  }

  String plural() {
    return plural;
  }

  static Table fromModiconPrefix(int digit) {
    for (Table t : values()) {
      if (t.modiconPrefix == digit) {
        return t;
      }
    }
    throw new IllegalArgumentException("no Modbus table has the prefix digit " + digit
        + ": use 0 (coil), 1 (discrete input), 3 (input register) or 4 (holding register)");
  }
}
