package io.floorgate.sparkplug;

import io.floorgate.config.ValueType;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import java.util.Date;
import org.eclipse.tahu.message.model.MetricDataType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sparkplug data types for readings. A writable tag's type is declared in the config; any other
 * metric's type is learnt from its first value ({@link Long} → Int64, {@link Double} → Double,
 * {@link Boolean}, {@link String}). A later value the type cannot hold widens it (an integer
 * metric that sends a fraction becomes Double, anything else String) and its device is born again,
 * since DATA may only carry values of the type the birth announced.
 */
final class MetricValues {

  /** The type announced for a metric that has sent no value by the time its device is born. */
  static final MetricDataType UNKNOWN_TYPE_DEFAULT = MetricDataType.Double;

  private static final Logger LOG = LoggerFactory.getLogger(MetricValues.class);

  /** What applying a reading did. */
  enum Outcome {
    /** The latest value is the reading's, of the announced type. */
    UPDATED,
    /** The reading needed a wider type; the device must be born again before DATA. */
    TYPE_CHANGED
  }

  private MetricValues() {}

  static @Nullable MetricDataType declaredType(@Nullable ValueType type) {
    if (type == null) {
      return null;
    }
    return switch (type) {
      case BOOLEAN -> MetricDataType.Boolean;
      case INT16 -> MetricDataType.Int16;
      case INT32 -> MetricDataType.Int32;
      case INT64 -> MetricDataType.Int64;
      case FLOAT -> MetricDataType.Float;
      case DOUBLE -> MetricDataType.Double;
      case STRING -> MetricDataType.String;
    };
  }

  /** Makes the reading the metric's latest value, learning or widening its type as needed. */
  static Outcome apply(MetricState metric, Reading reading) {
    Outcome outcome = Outcome.UPDATED;
    Object raw = reading.value();
    Quality quality = reading.quality();
    Object value = null;
    if (raw != null) {
      MetricDataType type = metric.type;
      if (type == null) {
        type = inferred(raw);
        metric.type = type;
      }
      value = convert(raw, type, metric.declared());
      if (value == null && metric.declared()) {
        LOG.warn("Sparkplug metric {}: value {} does not fit its configured type {}; sent as BAD. "
            + "Check the tag's type: in the config against the PLC variable", metric, raw, type);
        quality = Quality.BAD;
      } else if (value == null) {
        metric.type = widened(type, raw);
        value = convert(raw, metric.type, false);
        outcome = Outcome.TYPE_CHANGED;
        LOG.info("Sparkplug metric {}: value {} is not a {}; announcing it as {} from now on "
            + "(its device is born again)", metric, raw, type, metric.type);
      }
    }
    metric.value = value;
    metric.quality = quality;
    metric.timestamp = Date.from(reading.timestamp());
    return outcome;
  }

  /**
   * The reading's value as the metric's type announces it (for historical DATA), or null when it
   * has none or does not fit.
   */
  static @Nullable Object valueOf(MetricState metric, Reading reading) {
    Object raw = reading.value();
    MetricDataType type = metric.type;
    return raw == null || type == null ? null : convert(raw, type, metric.declared());
  }

  static MetricDataType inferred(Object value) {
    if (value instanceof Long) {
      return MetricDataType.Int64;
    }
    if (value instanceof Double) {
      return MetricDataType.Double;
    }
    if (value instanceof Boolean) {
      return MetricDataType.Boolean;
    }
    return MetricDataType.String;
  }

  private static MetricDataType widened(MetricDataType type, Object value) {
    return isNumber(type) && value instanceof Number ? MetricDataType.Double
        : MetricDataType.String;
  }

  static boolean same(@Nullable MetricDataType a, MetricDataType b) {
    return a != null && a.toIntValue() == b.toIntValue();
  }

  private static boolean isNumber(MetricDataType type) {
    return same(type, MetricDataType.Int16) || same(type, MetricDataType.Int32)
        || same(type, MetricDataType.Int64) || same(type, MetricDataType.Float)
        || same(type, MetricDataType.Double);
  }

  /**
   * The value as the Java class Tahu expects for {@code type}, or null when it does not fit.
   * Declared integer types also take whole doubles; a String takes anything as text.
   */
  static @Nullable Object convert(Object value, MetricDataType type, boolean lenient) {
    if (same(type, MetricDataType.String)) {
      return value instanceof String s ? s : String.valueOf(value);
    }
    if (same(type, MetricDataType.Boolean)) {
      return value instanceof Boolean ? value : null;
    }
    if (!(value instanceof Long || value instanceof Double)) {
      return null;
    }
    Number n = (Number) value;
    if (same(type, MetricDataType.Double)) {
      return n.doubleValue();
    }
    if (same(type, MetricDataType.Float)) {
      return n.floatValue();
    }
    Long whole = n instanceof Long l ? l : lenient ? wholeOrNull(n.doubleValue()) : null;
    if (whole == null) {
      return null;
    }
    if (same(type, MetricDataType.Int64)) {
      return whole;
    }
    if (same(type, MetricDataType.Int32)) {
      return whole >= Integer.MIN_VALUE && whole <= Integer.MAX_VALUE ? (Object) whole.intValue()
          : null;
    }
    if (same(type, MetricDataType.Int16)) {
      return whole >= Short.MIN_VALUE && whole <= Short.MAX_VALUE ? (Object) whole.shortValue()
          : null;
    }
    return null;
  }

  private static @Nullable Long wholeOrNull(double d) {
    return d == Math.rint(d) && Math.abs(d) <= 0x1p62 ? (long) d : null;
  }
}
