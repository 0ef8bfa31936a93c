package io.floorgate.sparkplug;

import io.floorgate.config.ValueType;
import io.floorgate.driver.SourceType;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import java.util.Date;
import org.eclipse.tahu.message.model.MetricDataType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sparkplug data types for readings. A writable tag's type is declared in the config; any other
 * metric's type is the one its source declares ({@link SparkplugTypes#of}: a UInt64 is UInt64, a
 * DateTime a DateTime, an Int32[] an Int32Array, also while the value is null), and, where the
 * source does not say, learnt from its first value ({@link SparkplugTypes#inferred}). A later
 * value the type cannot hold widens it (an integer metric that sends a fraction becomes Double,
 * anything else String) and its device is born again, since DATA may only carry values of the type
 * the birth announced; so does a source type that changes, or becomes known after a birth that
 * had to announce {@link #UNKNOWN_TYPE_DEFAULT}.
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
    SourceType source = reading.sourceType();
    if (!metric.declared() && source != null && source != metric.source) {
      // Only when the source's type changes: a widened type then stays until it does again.
      metric.source = source;
      MetricDataType type = SparkplugTypes.of(source);
      if (type != null && !same(metric.type, type)) {
        if (metric.type != null) {
          outcome = Outcome.TYPE_CHANGED;
          LOG.info("Sparkplug metric {}: its source declares {}, announced so far as {}; "
              + "announcing it as {} from now on (its device is born again)", metric, source,
              metric.type, type);
        }
        metric.type = type;
      }
    }
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
    return SparkplugTypes.inferred(value);
  }

  private static MetricDataType widened(MetricDataType type, Object value) {
    return SparkplugTypes.isNumber(type) && value instanceof Number ? MetricDataType.Double
        : MetricDataType.String;
  }

  static boolean same(@Nullable MetricDataType a, MetricDataType b) {
    return SparkplugTypes.same(a, b);
  }

  /**
   * The value as the Java class Tahu expects for {@code type}, or null when it does not fit.
   * Declared integer types also take whole doubles; a String takes anything as text.
   */
  static @Nullable Object convert(Object value, MetricDataType type, boolean lenient) {
    return SparkplugTypes.value(value, type, lenient);
  }
}
