package io.floorgate.sparkplug;

import io.floorgate.config.Range;
import io.floorgate.reading.Quality;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import org.eclipse.tahu.SparkplugException;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.Metric.MetricBuilder;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.PropertyDataType;
import org.eclipse.tahu.message.model.PropertySet;
import org.eclipse.tahu.message.model.PropertySet.PropertySetBuilder;
import org.eclipse.tahu.message.model.PropertyValue;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.jspecify.annotations.Nullable;

/**
 * Builds and encodes the node's payloads with Tahu. Births name every metric (with its alias when
 * aliases are on), its data type, value, timestamp and properties; DATA carries the alias alone
 * (or the name without aliases) and no data type.
 */
final class Payloads {

  static final String BD_SEQ = "bdSeq";
  static final String REBIRTH = "Node Control/Rebirth";
  static final String QUALITY = "Quality";
  static final int QUALITY_BAD = 0;
  static final int QUALITY_GOOD = 192;
  static final int QUALITY_STALE = 500;
  /** A DATA metric's size besides its value, bounded from above: alias, timestamp, flags. */
  private static final int DATA_METRIC_OVERHEAD = 32;
  private static final int QUALITY_PROPERTY_BYTES = 24;
  /** A first guess of a birth metric's size, so that the birth's buffer seldom grows. */
  private static final int BIRTH_METRIC_BYTES = 64;

  private final SparkplugBPayloadEncoder encoder = new SparkplugBPayloadEncoder();
  private final boolean aliases;

  Payloads(boolean aliases) {
    this.aliases = aliases;
  }

  /** The Will and the clean-shutdown death: the bdSeq alone, no seq. */
  byte[] ndeath(int bdSeq, Date now) {
    return encode(new SparkplugBPayload(now, List.of(metric(
        new MetricBuilder(BD_SEQ, MetricDataType.Int64, (long) bdSeq).timestamp(now))), null),
        false);
  }

  /** NBIRTH: seq 0, the connection's bdSeq and the rebirth control, neither aliased. */
  byte[] nbirth(int bdSeq, Date now) {
    List<Metric> metrics = List.of(
        metric(new MetricBuilder(BD_SEQ, MetricDataType.Int64, (long) bdSeq).timestamp(now)),
        metric(new MetricBuilder(REBIRTH, MetricDataType.Boolean, false).timestamp(now)));
    return encode(new SparkplugBPayload(now, metrics, 0L), false);
  }

  /**
   * DBIRTH: every metric of the device with its latest value. Encoded one metric at a time, each
   * as a payload of its own appended to the last: protobuf merges concatenated messages by
   * appending their repeated fields, and it writes fields in number order (timestamp 1, metrics 2,
   * seq 3), so the bytes are those of the whole payload encoded at once. Built at once, Tahu's
   * model and protobuf objects of all 100,000 metrics of a large device took tens of megabytes
   * beside the bytes and ran a 256 MB heap out; one at a time, the birth needs little more than
   * its bytes.
   */
  byte[] dbirth(DeviceState device, long seq, Date now) {
    ByteArrayOutputStream bytes =
        new ByteArrayOutputStream(device.metrics.size() * BIRTH_METRIC_BYTES);
    bytes.writeBytes(encode(new SparkplugBPayload(now, List.of(), null), false));
    for (MetricState m : device.metrics) {
      MetricDataType type = m.type == null ? MetricValues.UNKNOWN_TYPE_DEFAULT : m.type;
      m.type = type;
      MetricBuilder b = new MetricBuilder(m.name, type, m.value)
          .timestamp(m.timestamp == null ? now : m.timestamp)
          .properties(birthProperties(m));
      if (aliases) {
        b.alias(m.alias);
      }
      bytes.writeBytes(encode(new SparkplugBPayload(null, List.of(metric(b)), null), false));
      m.sentQuality = m.quality == null ? Quality.BAD : m.quality;
    }
    bytes.writeBytes(encode(new SparkplugBPayload(null, List.of(), seq), false));
    return bytes.toByteArray();
  }

  /** DDEATH: no metrics, only the seq. */
  byte[] ddeath(long seq, Date now) {
    return encode(new SparkplugBPayload(now, List.of(), seq), false);
  }

  /**
   * One DATA metric. Its Quality property is sent when it is not GOOD, and as GOOD (192) once
   * when it returns to GOOD, so a host does not keep showing the old bad quality.
   */
  Metric data(MetricState m, @Nullable Object value, Quality quality, Date timestamp,
      boolean historical) {
    MetricDataType type = m.type == null ? MetricValues.UNKNOWN_TYPE_DEFAULT : m.type;
    MetricBuilder b = aliases ? new MetricBuilder(m.alias, type, value)
        : new MetricBuilder(m.name, type, value);
    b.timestamp(timestamp);
    if (historical) {
      b.isHistorical(true);
    } else {
      if (quality != Quality.GOOD || m.sentQuality != Quality.GOOD) {
        b.properties(quality(qualityCode(quality)));
      }
      m.sentQuality = quality;
    }
    return metric(b);
  }

  /** An upper bound of what a DATA metric adds to a payload, for batching. */
  int estimate(MetricState m, @Nullable Object value) {
    int size = DATA_METRIC_OVERHEAD + QUALITY_PROPERTY_BYTES;
    if (!aliases) {
      size += m.name.length() * 3;
    }
    if (value instanceof String s) {
      size += s.getBytes(StandardCharsets.UTF_8).length;
    } else if (value instanceof byte[] bytes) {
      size += bytes.length;
    } else if (value instanceof Object[] array) {
      // Packed arrays: at most 8 bytes an element, text with its terminating zero.
      for (Object e : array) {
        size += e instanceof String s ? s.getBytes(StandardCharsets.UTF_8).length + 1 : 8;
      }
    }
    return size;
  }

  byte[] encode(SparkplugBPayload payload, boolean stripTypes) {
    try {
      return encoder.getBytes(payload, stripTypes);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("Sparkplug payload could not be encoded: " + e, e);
    }
  }

  static int qualityCode(@Nullable Quality quality) {
    // Sparkplug knows GOOD, BAD and STALE only; an uncertain value is not good enough to be GOOD.
    return quality == null ? QUALITY_STALE : quality == Quality.GOOD ? QUALITY_GOOD : QUALITY_BAD;
  }

  private PropertySet birthProperties(MetricState m) {
    PropertySetBuilder set = new PropertySetBuilder();
    if (m.quality != Quality.GOOD) {
      // No value yet is STALE: the gateway has not heard from the PLC about this tag.
      set.addProperty(QUALITY, property(PropertyDataType.Int32, qualityCode(m.quality)));
    }
    if (m.tag.unit() != null) {
      set.addProperty("engUnit", property(PropertyDataType.String, m.tag.unit()));
    }
    Range range = m.tag.range();
    if (range != null) {
      set.addProperty("engLow", property(PropertyDataType.Double, range.low()));
      set.addProperty("engHigh", property(PropertyDataType.Double, range.high()));
    }
    set.addProperty("readOnly", property(PropertyDataType.Boolean, !m.tag.writable()));
    return set.createPropertySet();
  }

  private static PropertySet quality(int code) {
    return new PropertySetBuilder()
        .addProperty(QUALITY, property(PropertyDataType.Int32, code)).createPropertySet();
  }

  private static PropertyValue property(PropertyDataType type, Object value) {
    try {
      return new PropertyValue(type, value);
    } catch (SparkplugException e) {
      throw new IllegalStateException("property of type " + type + " cannot hold " + value, e);
    }
  }

  private static Metric metric(MetricBuilder builder) {
    try {
      return builder.createMetric();
    } catch (SparkplugException e) {
      throw new IllegalStateException("Sparkplug metric could not be built: " + e, e);
    }
  }
}
