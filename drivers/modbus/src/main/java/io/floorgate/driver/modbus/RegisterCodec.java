package io.floorgate.driver.modbus;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Registers ⇄ Java values, for every {@link DataType} in every {@link RegisterOrder}.
 *
 * <p>Registers are handled as the PDU carries them: 2 bytes per register, high byte first
 * ({@code byte[]}); {@link #toShorts}/{@link #toBytes} convert for callers that think in
 * {@code short[]}.
 *
 * <p>Decoded types: {@code bit(N)} → Boolean; {@code int16}, {@code uint16}, {@code int32} →
 * Integer; {@code uint32}, {@code int64} → Long; {@code uint64} → Long when it is at most
 * {@link Long#MAX_VALUE}, else {@link BigInteger} (the rule the driver SPI's {@code Sample} uses
 * for OPC UA UInt64, so consumers handle one rule); {@code float32} → Float; {@code float64} →
 * Double; {@code string(N)} → String, ISO-8859-1, up to the first NUL. Encoding takes any integral
 * {@link Number} (range-checked) for the integer types, any Number for the floats, a String for
 * strings.
 */
final class RegisterCodec {

  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  private RegisterCodec() {}

  /** Decodes the value of {@code type} starting {@code register} registers into {@code wire}. */
  static Object decode(DataType type, RegisterOrder order, byte[] wire, int register) {
    int n = type.registers();
    if (n == 0) {
      throw new IllegalArgumentException(type + " is not held in registers");
    }
    if (wire.length < (register + n) * 2) {
      throw new IllegalArgumentException("need " + n + " register(s) at " + register + " for "
          + type + ", the response has " + wire.length / 2);
    }
    byte[] v = type.kind() == DataType.Kind.STRING
        ? unswapBytes(wire, register, n, order.byteSwap())
        : toValueBytes(wire, register, n, order);
    long bits = 0;
    if (type.kind() != DataType.Kind.STRING) {
      for (byte b : v) {
        bits = (bits << 8) | (b & 0xFF);
      }
    }
    return switch (type.kind()) {
      case INT16 -> (int) (short) bits;
      case UINT16 -> (int) bits;
      case BIT -> ((bits >> type.bitIndex()) & 1) == 1;
      case INT32 -> (int) bits;
      case UINT32 -> bits;
      case FLOAT32 -> Float.intBitsToFloat((int) bits);
      case INT64 -> bits;
      case UINT64 -> bits >= 0 ? (Object) bits : BigInteger.valueOf(bits).add(TWO_64);
      case FLOAT64 -> Double.longBitsToDouble(bits);
      case STRING -> text(v);
      case BOOL -> throw new IllegalStateException("unreachable");
    };
  }

  /** The registers for {@code value}, ready for a write request. */
  static byte[] encode(DataType type, RegisterOrder order, Object value) {
    DataType.Kind kind = type.kind();
    if (kind == DataType.Kind.BOOL || kind == DataType.Kind.BIT) {
      throw new IllegalArgumentException(type + " is written as a coil or a masked register, not"
          + " encoded as whole registers");
    }
    int n = type.registers();
    if (kind == DataType.Kind.STRING) {
      if (!(value instanceof String s)) {
        throw new IllegalArgumentException(type + " takes a String, not " + describe(value));
      }
      byte[] text = s.getBytes(StandardCharsets.ISO_8859_1);
      if (text.length > 2 * n || !new String(text, StandardCharsets.ISO_8859_1).equals(s)) {
        throw new IllegalArgumentException("'" + s + "' does not fit " + type + ": at most "
            + 2 * n + " ISO-8859-1 characters");
      }
      byte[] padded = new byte[2 * n]; // NUL-padded, as devices expect
      System.arraycopy(text, 0, padded, 0, text.length);
      return unswapBytes(padded, 0, n, order.byteSwap());
    }
    long bits = switch (kind) {
      case FLOAT32 -> Float.floatToRawIntBits(number(type, value).floatValue()) & 0xFFFF_FFFFL;
      case FLOAT64 -> Double.doubleToRawLongBits(number(type, value).doubleValue());
      default -> integral(type, value).longValue(); // two's complement covers the unsigned range
    };
    byte[] v = new byte[2 * n];
    for (int i = v.length - 1; i >= 0; i--, bits >>>= 8) {
      v[i] = (byte) bits;
    }
    return fromValueBytes(v, order);
  }

  /** The wire-level mask of {@code bit(N)}: a byte-swapped device keeps bit 0 in the high byte. */
  static int bitMask(DataType type, RegisterOrder order) {
    if (type.kind() != DataType.Kind.BIT) {
      throw new IllegalArgumentException(type + " is not a bit in a register");
    }
    int bit = order.byteSwap() ? (type.bitIndex() + 8) % 16 : type.bitIndex();
    return 1 << bit;
  }

  /** Bit {@code index} of a coil or discrete-input response (packed, least significant first). */
  static boolean bitAt(byte[] packed, int index) {
    if (index / 8 >= packed.length) {
      throw new IllegalArgumentException("need bit " + index + ", the response has "
          + packed.length * 8);
    }
    return (packed[index / 8] >> (index % 8) & 1) == 1;
  }

  static short[] toShorts(byte[] wire) {
    short[] regs = new short[wire.length / 2];
    for (int i = 0; i < regs.length; i++) {
      regs[i] = (short) ((wire[2 * i] & 0xFF) << 8 | wire[2 * i + 1] & 0xFF);
    }
    return regs;
  }

  static byte[] toBytes(short[] registers) {
    byte[] wire = new byte[registers.length * 2];
    for (int i = 0; i < registers.length; i++) {
      wire[2 * i] = (byte) (registers[i] >> 8);
      wire[2 * i + 1] = (byte) registers[i];
    }
    return wire;
  }

  /** Wire registers → the value's big-endian bytes. Both swaps are their own inverse. */
  private static byte[] toValueBytes(byte[] wire, int register, int n, RegisterOrder order) {
    byte[] v = new byte[2 * n];
    for (int i = 0; i < n; i++) {
      int from = register + (order.wordSwap() ? n - 1 - i : i);
      v[2 * i] = wire[2 * from + (order.byteSwap() ? 1 : 0)];
      v[2 * i + 1] = wire[2 * from + (order.byteSwap() ? 0 : 1)];
    }
    return v;
  }

  private static byte[] fromValueBytes(byte[] v, RegisterOrder order) {
    return toValueBytes(v, 0, v.length / 2, order);
  }

  private static byte[] unswapBytes(byte[] wire, int register, int n, boolean byteSwap) {
    return toValueBytes(wire, register, n, byteSwap ? RegisterOrder.BADC : RegisterOrder.ABCD);
  }

  private static String text(byte[] v) {
    int end = 0;
    while (end < v.length && v[end] != 0) {
      end++;
    }
    return new String(v, 0, end, StandardCharsets.ISO_8859_1);
  }

  private static Number number(DataType type, Object value) {
    if (value instanceof Number n) {
      return n;
    }
    throw new IllegalArgumentException(type + " takes a number, not " + describe(value));
  }

  private static BigInteger integral(DataType type, Object value) {
    BigInteger v;
    if (value instanceof BigInteger b) {
      v = b;
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short
        || value instanceof Byte) {
      v = BigInteger.valueOf(((Number) value).longValue());
    } else {
      throw new IllegalArgumentException(type + " takes an integer, not " + describe(value));
    }
    int width = 16 * type.registers();
    boolean signed = switch (type.kind()) {
      case INT16, INT32, INT64 -> true;
      default -> false;
    };
    BigInteger min = signed ? BigInteger.ONE.shiftLeft(width - 1).negate() : BigInteger.ZERO;
    BigInteger max = BigInteger.ONE.shiftLeft(signed ? width - 1 : width).subtract(BigInteger.ONE);
    if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
      throw new IllegalArgumentException("value " + v + " does not fit " + type + " (" + min
          + ".." + max + ")");
    }
    return v;
  }

  private static String describe(Object value) {
    return value.getClass().getSimpleName() + " " + value;
  }
}
