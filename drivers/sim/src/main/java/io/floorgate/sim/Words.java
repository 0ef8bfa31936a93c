package io.floorgate.sim;

/**
 * Lays values out in 16-bit registers as field devices do. Names give the byte order of the value's
 * big-endian bytes A B C D over the two registers: ABCD puts the high word first (the Modbus
 * convention), CDAB the low word first (word-swapped, as many analyzers and meters send floats).
 */
final class Words {

  private Words() {}

  /** {@code value} as an IEEE 754 float in {@code registers[address]} and the next, ABCD. */
  static void float32Abcd(int[] registers, int address, float value) {
    uint32Abcd(registers, address, Integer.toUnsignedLong(Float.floatToIntBits(value)));
  }

  /** {@code value} as an IEEE 754 float in {@code registers[address]} and the next, CDAB. */
  static void float32Cdab(int[] registers, int address, float value) {
    int bits = Float.floatToIntBits(value);
    registers[address] = bits & 0xFFFF;
    registers[address + 1] = bits >>> 16;
  }

  /** The low 32 bits of {@code value}, unsigned, high word first: a counter that wraps at 2^32. */
  static void uint32Abcd(int[] registers, int address, long value) {
    registers[address] = (int) (value >>> 16) & 0xFFFF;
    registers[address + 1] = (int) value & 0xFFFF;
  }

  /** {@code value} rounded and held within -32768..32767, as a register's unsigned pattern. */
  static int int16(double value) {
    long rounded = Math.round(value);
    return (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, rounded)) & 0xFFFF;
  }
}
