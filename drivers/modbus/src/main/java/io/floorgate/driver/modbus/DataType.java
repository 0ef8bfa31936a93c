package io.floorgate.driver.modbus;

import io.floorgate.driver.SourceType;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a tag's registers hold, and so how many it spans and which Java type it decodes to.
 *
 * <p>Text forms, as config writes them: {@code bool}, {@code int16}, {@code uint16}, {@code int32},
 * {@code uint32}, {@code int64}, {@code uint64}, {@code float32}, {@code float64},
 * {@code string(N)} (N registers, 2N characters) and {@code bit(N)} (bit N of one register, 0 the
 * least significant).
 *
 * @param kind the type
 * @param arg  the register count of a {@code string}, the bit index of a {@code bit}; 0 otherwise
 */
record DataType(Kind kind, int arg) {

  /** The types; {@link #registers} is the width of a fixed-size type. */
  enum Kind {
    BOOL(0), INT16(1), UINT16(1), INT32(2), UINT32(2), INT64(4), UINT64(4), FLOAT32(2),
    FLOAT64(4), STRING(0), BIT(1);

    final int registers;

    Kind(int registers) {
      this.registers = registers;
    }

    String text() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A string fits one read request: 125 registers. */
  static final int MAX_STRING_REGISTERS = 125;

  private static final Pattern WITH_ARG =
      Pattern.compile("(string|bit)\\s*[(\\[]\\s*(\\d+)\\s*[)\\]]");

  DataType {
    switch (kind) {
      case STRING -> {
        if (arg < 1 || arg > MAX_STRING_REGISTERS) {
          throw new IllegalArgumentException("string(" + arg + "): a string spans 1 to "
              + MAX_STRING_REGISTERS + " registers (2 characters each)");
        }
      }
      case BIT -> {
        if (arg < 0 || arg > 15) {
          throw new IllegalArgumentException("bit(" + arg + "): a register has bits 0 (least"
              + " significant) to 15");
        }
      }
      default -> {
        if (arg != 0) {
          throw new IllegalArgumentException(kind.text() + " takes no size; only string(N) and"
              + " bit(N) do");
        }
      }
    }
  }

  static DataType of(Kind kind) {
    return new DataType(kind, 0);
  }

  static DataType string(int registers) {
    return new DataType(Kind.STRING, registers);
  }

  static DataType bit(int index) {
    return new DataType(Kind.BIT, index);
  }

  /** Parses the text form; the message lists the accepted forms. */
  static DataType parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = WITH_ARG.matcher(t);
    if (m.matches()) {
      int n = Integer.parseInt(m.group(2));
      return m.group(1).equals("string") ? string(n) : bit(n);
    }
    for (Kind k : Kind.values()) {
      if (k != Kind.STRING && k != Kind.BIT && k.text().equals(t)) {
        return of(k);
      }
    }
    throw new IllegalArgumentException("unknown data type '" + text + "': use bool, int16, uint16,"
        + " int32, uint32, int64, uint64, float32, float64, string(N registers) or bit(0..15)");
  }

  /** The type the SPI announces for values of this type (a bit of a register is a boolean). */
  SourceType sourceType() {
    return switch (kind) {
      case BOOL, BIT -> SourceType.BOOLEAN;
      case INT16 -> SourceType.INT16;
      case UINT16 -> SourceType.UINT16;
      case INT32 -> SourceType.INT32;
      case UINT32 -> SourceType.UINT32;
      case INT64 -> SourceType.INT64;
      case UINT64 -> SourceType.UINT64;
      case FLOAT32 -> SourceType.FLOAT;
      case FLOAT64 -> SourceType.DOUBLE;
      case STRING -> SourceType.STRING;
    };
  }

  /** Registers spanned; 0 for {@code bool}, which lives in a bit table. */
  int registers() {
    return kind == Kind.STRING ? arg : kind.registers;
  }

  /** The bit index of a {@code bit(N)}. */
  int bitIndex() {
    return arg;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case STRING -> "string(" + arg + ")";
      case BIT -> "bit(" + arg + ")";
      default -> kind.text();
    };
  }
}
