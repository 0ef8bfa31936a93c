package io.floorgate.sparkplug;

import io.floorgate.config.Range;
import io.floorgate.config.TagConfig;
import io.floorgate.config.ValueType;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.jspecify.annotations.Nullable;

/**
 * Whether a commanded value may be written to a tag: only to a tag the config marks writable,
 * only of its type, and for numbers only within its range. The accepted value comes out as the
 * Java type of the PLC variable, ready for the driver.
 */
final class WriteCheck {

  /** The value to write, or why not. Exactly one of them is set. */
  record Verdict(@Nullable Object value, @Nullable String refusal) {
    boolean accepted() {
      return refusal == null;
    }
  }

  private WriteCheck() {}

  static Verdict check(TagConfig tag, @Nullable Object value) {
    ValueType type = tag.type();
    if (!tag.writable() || type == null) {
      return refuse("the tag is not writable (the config does not mark it writable: true)");
    }
    if (value == null) {
      return refuse("the command carries no value (is_null)");
    }
    switch (type) {
      case BOOLEAN:
        return value instanceof Boolean ? accept(value)
            : refuse("the tag takes a boolean, the command sent " + describe(value));
      case STRING:
        return value instanceof String ? accept(value)
            : refuse("the tag takes a string, the command sent " + describe(value));
      default:
        return number(tag, type, value);
    }
  }

  private static Verdict number(TagConfig tag, ValueType type, Object value) {
    if (!(value instanceof Number n)) {
      return refuse("the tag takes a number (" + type.yamlName() + "), the command sent "
          + describe(value));
    }
    BigDecimal exact = exact(n);
    if (exact == null) {
      return refuse("the command sent " + value + ", which is not a finite number");
    }
    Range range = tag.range();
    if (range != null && (exact.compareTo(BigDecimal.valueOf(range.low())) < 0
        || exact.compareTo(BigDecimal.valueOf(range.high())) > 0)) {
      return refuse(value + " is outside the tag's range " + format(range.low()) + ".."
          + format(range.high()));
    }
    if (type.isInteger()) {
      if (exact.stripTrailingZeros().scale() > 0) {
        return refuse("the tag takes a whole number (" + type.yamlName() + "), the command sent "
            + value);
      }
      if (exact.compareTo(BigDecimal.valueOf(type.min())) < 0
          || exact.compareTo(BigDecimal.valueOf(type.max())) > 0) {
        return refuse(value + " does not fit " + type.yamlName());
      }
      long whole = exact.longValueExact();
      return accept(switch (type) {
        case INT16 -> (short) whole;
        case INT32 -> (int) whole;
        default -> whole;
      });
    }
    return accept(type == ValueType.FLOAT ? (Object) n.floatValue() : (Object) n.doubleValue());
  }

  private static @Nullable BigDecimal exact(Number n) {
    if (n instanceof BigInteger big) {
      return new BigDecimal(big);
    }
    if (n instanceof Byte || n instanceof Short || n instanceof Integer || n instanceof Long) {
      return BigDecimal.valueOf(n.longValue());
    }
    double d = n.doubleValue();
    return Double.isFinite(d) ? new BigDecimal(n instanceof Float f ? Float.toString(f)
        : Double.toString(d)) : null;
  }

  private static String describe(Object value) {
    return value instanceof String s ? "the text \"" + s + "\""
        : "the " + value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " "
            + value;
  }

  private static String format(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  private static Verdict accept(Object value) {
    return new Verdict(value, null);
  }

  private static Verdict refuse(String reason) {
    return new Verdict(null, reason);
  }
}
