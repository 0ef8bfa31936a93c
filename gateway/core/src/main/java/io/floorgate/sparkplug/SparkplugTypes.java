package io.floorgate.sparkplug;

import io.floorgate.driver.SourceType;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.eclipse.tahu.message.model.MetricDataType;
import org.jspecify.annotations.Nullable;

/**
 * Sparkplug B data types of source types, and values in the Java form Tahu's encoder expects for
 * each. The wire forms are Tahu's: an unsigned 64-bit integer in the metric's long field, a
 * DateTime as milliseconds since the epoch, Bytes as bytes, and the Sparkplug 3.0 array types as
 * little-endian packed bytes (BooleanArray: a 4-byte count, then the bits, first one highest).
 *
 * <p>Sparkplug has no array of Bytes, UUID or Text: those arrays go as StringArray of the elements'
 * text (base64 for bytes).
 */
final class SparkplugTypes {

  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private SparkplugTypes() {}

  /** The Sparkplug type that carries values of {@code type}, or null for an unknown type. */
  static @Nullable MetricDataType of(@Nullable SourceType type) {
    if (type == null) {
      return null;
    }
    return switch (type) {
      case BOOLEAN -> MetricDataType.Boolean;
      case INT8 -> MetricDataType.Int8;
      case INT16 -> MetricDataType.Int16;
      case INT32 -> MetricDataType.Int32;
      case INT64 -> MetricDataType.Int64;
      case UINT8 -> MetricDataType.UInt8;
      case UINT16 -> MetricDataType.UInt16;
      case UINT32 -> MetricDataType.UInt32;
      case UINT64 -> MetricDataType.UInt64;
      case FLOAT -> MetricDataType.Float;
      case DOUBLE -> MetricDataType.Double;
      case STRING -> MetricDataType.String;
      case DATETIME -> MetricDataType.DateTime;
      case BYTES -> MetricDataType.Bytes;
      case UUID -> MetricDataType.UUID;
      case TEXT -> MetricDataType.Text;
      case BOOLEAN_ARRAY -> MetricDataType.BooleanArray;
      case INT8_ARRAY -> MetricDataType.Int8Array;
      case INT16_ARRAY -> MetricDataType.Int16Array;
      case INT32_ARRAY -> MetricDataType.Int32Array;
      case INT64_ARRAY -> MetricDataType.Int64Array;
      case UINT8_ARRAY -> MetricDataType.UInt8Array;
      case UINT16_ARRAY -> MetricDataType.UInt16Array;
      case UINT32_ARRAY -> MetricDataType.UInt32Array;
      case UINT64_ARRAY -> MetricDataType.UInt64Array;
      case FLOAT_ARRAY -> MetricDataType.FloatArray;
      case DOUBLE_ARRAY -> MetricDataType.DoubleArray;
      case DATETIME_ARRAY -> MetricDataType.DateTimeArray;
      case STRING_ARRAY, BYTES_ARRAY, UUID_ARRAY, TEXT_ARRAY -> MetricDataType.StringArray;
    };
  }

  /**
   * The type of a value whose source did not say: {@link Long} → Int64, {@link BigInteger} →
   * UInt64, {@link Double}, {@link Boolean}, a list of one of those kinds (or of text) → its array
   * type; anything else String.
   */
  static MetricDataType inferred(Object value) {
    if (value instanceof List<?> list) {
      return inferredArray(list);
    }
    if (value instanceof Long) {
      return MetricDataType.Int64;
    }
    if (value instanceof BigInteger) {
      return MetricDataType.UInt64;
    }
    if (value instanceof Double) {
      return MetricDataType.Double;
    }
    if (value instanceof Boolean) {
      return MetricDataType.Boolean;
    }
    return MetricDataType.String;
  }

  private static MetricDataType inferredArray(List<?> list) {
    if (list.stream().allMatch(e -> e instanceof Boolean)) {
      return MetricDataType.BooleanArray;
    }
    if (list.stream().allMatch(e -> e instanceof Long)) {
      return MetricDataType.Int64Array;
    }
    if (list.stream().allMatch(e -> e instanceof Long || e instanceof Double)) {
      return MetricDataType.DoubleArray;
    }
    if (list.stream().allMatch(e -> e instanceof String)) {
      return MetricDataType.StringArray;
    }
    return MetricDataType.String;
  }

  static boolean same(@Nullable MetricDataType a, MetricDataType b) {
    return a != null && a.toIntValue() == b.toIntValue();
  }

  /** Whether {@code type} is a scalar number type. */
  static boolean isNumber(MetricDataType type) {
    int t = type.toIntValue();
    return t >= MetricDataType.Int8.toIntValue() && t <= MetricDataType.Double.toIntValue();
  }

  /**
   * The value as the Java class Tahu expects for {@code type}, or null when it does not fit
   * (out of range, not a number, text that is no date). Integer types take whole doubles only
   * when {@code lenient} (types the config declares); String, Text and UUID take anything as
   * text.
   */
  static @Nullable Object value(Object raw, MetricDataType type, boolean lenient) {
    MetricDataType element = elementOf(type);
    if (element == null) {
      return scalar(raw, type, lenient);
    }
    if (!(raw instanceof List<?> list)) {
      return null;
    }
    Object array = Array.newInstance(type.getClazz().getComponentType(), list.size());
    for (int i = 0; i < list.size(); i++) {
      Object e = list.get(i);
      // Sparkplug has no null element; an empty text is the nearest a StringArray can say.
      Object v = e == null ? (same(element, MetricDataType.String) ? "" : null)
          : scalar(e, element, lenient);
      if (v == null) {
        return null;
      }
      Array.set(array, i, v);
    }
    return array;
  }

  /** The scalar type of an array type, or null for a scalar type. */
  static @Nullable MetricDataType elementOf(MetricDataType type) {
    return switch (type.toIntValue()) {
      case 22 -> MetricDataType.Int8;
      case 23 -> MetricDataType.Int16;
      case 24 -> MetricDataType.Int32;
      case 25 -> MetricDataType.Int64;
      case 26 -> MetricDataType.UInt8;
      case 27 -> MetricDataType.UInt16;
      case 28 -> MetricDataType.UInt32;
      case 29 -> MetricDataType.UInt64;
      case 30 -> MetricDataType.Float;
      case 31 -> MetricDataType.Double;
      case 32 -> MetricDataType.Boolean;
      case 33 -> MetricDataType.String;
      case 34 -> MetricDataType.DateTime;
      default -> null;
    };
  }

  private static @Nullable Object scalar(Object raw, MetricDataType type, boolean lenient) {
    if (same(type, MetricDataType.String) || same(type, MetricDataType.Text)
        || same(type, MetricDataType.UUID)) {
      return raw instanceof String s ? s : String.valueOf(raw);
    }
    if (same(type, MetricDataType.Boolean)) {
      return raw instanceof Boolean ? raw : null;
    }
    if (same(type, MetricDataType.DateTime)) {
      return date(raw);
    }
    if (same(type, MetricDataType.Bytes)) {
      return bytes(raw);
    }
    if (!(raw instanceof Long || raw instanceof Double || raw instanceof BigInteger)) {
      return null;
    }
    Number n = (Number) raw;
    if (same(type, MetricDataType.Double)) {
      return n.doubleValue();
    }
    if (same(type, MetricDataType.Float)) {
      return n.floatValue();
    }
    if (n instanceof Long l && type.toIntValue() != MetricDataType.UInt64.toIntValue()) {
      return fromLong(l, type); // the common case, without a BigInteger per value
    }
    BigInteger whole = whole(n, lenient);
    if (whole == null) {
      return null;
    }
    if (whole.bitLength() < 64 && type.toIntValue() != MetricDataType.UInt64.toIntValue()) {
      return fromLong(whole.longValue(), type);
    }
    return switch (type.toIntValue()) {
      case 1 -> fits(whole, Byte.MIN_VALUE, Byte.MAX_VALUE) ? (Object) whole.byteValue() : null;
      case 2 -> fits(whole, Short.MIN_VALUE, Short.MAX_VALUE) ? (Object) whole.shortValue() : null;
      case 3 -> fits(whole, Integer.MIN_VALUE, Integer.MAX_VALUE) ? (Object) whole.intValue()
          : null;
      case 4 -> whole.compareTo(LONG_MIN) >= 0 && whole.compareTo(LONG_MAX) <= 0
          ? (Object) whole.longValue() : null;
      case 5 -> fits(whole, 0, 0xFF) ? (Object) whole.shortValue() : null;
      case 6 -> fits(whole, 0, 0xFFFF) ? (Object) whole.intValue() : null;
      case 7 -> fits(whole, 0, 0xFFFF_FFFFL) ? (Object) whole.longValue() : null;
      case 8 -> whole.signum() >= 0 && whole.compareTo(TWO_64) < 0 ? whole : null;
      default -> null;
    };
  }

  private static @Nullable Object fromLong(long v, MetricDataType type) {
    return switch (type.toIntValue()) {
      case 1 -> v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE ? (Object) (byte) v : null;
      case 2 -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE ? (Object) (short) v : null;
      case 3 -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) (int) v : null;
      case 4 -> v;
      case 5 -> v >= 0 && v <= 0xFF ? (Object) (short) v : null;
      case 6 -> v >= 0 && v <= 0xFFFF ? (Object) (int) v : null;
      case 7 -> v >= 0 && v <= 0xFFFF_FFFFL ? (Object) v : null;
      default -> null;
    };
  }

  private static @Nullable BigInteger whole(Number n, boolean lenient) {
    if (n instanceof Long l) {
      return BigInteger.valueOf(l);
    }
    if (n instanceof BigInteger b) {
      return b;
    }
    double d = n.doubleValue();
    return lenient && d == Math.rint(d) && Math.abs(d) <= 0x1p62 ? BigInteger.valueOf((long) d)
        : null;
  }

  private static boolean fits(BigInteger v, long min, long max) {
    return v.compareTo(BigInteger.valueOf(min)) >= 0 && v.compareTo(BigInteger.valueOf(max)) <= 0;
  }

  /** A DateTime from the SPI's ISO-8601 text, or from epoch milliseconds. */
  private static @Nullable Date date(Object raw) {
    if (raw instanceof Long ms) {
      return new Date(ms);
    }
    if (raw instanceof String s) {
      try {
        return Date.from(Instant.parse(s));
      } catch (DateTimeParseException | ArithmeticException e) {
        return null;
      }
    }
    return null;
  }

  /** Bytes from the SPI's base64 text. */
  private static byte @Nullable [] bytes(Object raw) {
    if (raw instanceof byte[] b) {
      return b;
    }
    if (raw instanceof String s) {
      try {
        return Base64.getDecoder().decode(s);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return null;
  }
}
