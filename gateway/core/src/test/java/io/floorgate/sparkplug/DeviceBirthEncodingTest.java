package io.floorgate.sparkplug;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.config.Range;
import io.floorgate.config.TagConfig;
import io.floorgate.config.ValueType;
import io.floorgate.driver.SourceType;
import io.floorgate.driver.Status;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import io.floorgate.reading.TimestampSource;
import java.time.Duration;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.Metric.MetricBuilder;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.PropertyDataType;
import org.eclipse.tahu.message.model.PropertySet.PropertySetBuilder;
import org.eclipse.tahu.message.model.PropertyValue;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A DBIRTH encoded metric by metric is the payload Tahu encodes from the whole metric list at
 * once: the same bytes, and the same payload through Tahu's decoder, for metrics of every source
 * type, with and without a value, unread (STALE), with engineering properties and writable.
 */
class DeviceBirthEncodingTest {

  private static final Instant READ_AT = Instant.parse("2026-12-06T05:00:00.250Z");
  private static final Date NOW = Date.from(Instant.parse("2026-12-06T05:00:01Z"));

  @ParameterizedTest(name = "aliases {0}")
  @ValueSource(booleans = {true, false})
  void aBirthEncodedMetricByMetricIsTheBirthEncodedAtOnce(boolean aliases) throws Exception {
    DeviceState device = deviceOfEveryKind();
    byte[] whole = wholeBirth(device, 7, aliases);

    byte[] streamed = new Payloads(aliases).dbirth(device, 7, NOW);

    assertArrayEquals(whole, streamed);
    SparkplugBPayloadDecoder decoder = new SparkplugBPayloadDecoder();
    SparkplugBPayload before = decoder.buildFromByteArray(whole, null);
    SparkplugBPayload after = decoder.buildFromByteArray(streamed, null);
    assertEquals(device.metrics.size(), after.getMetricCount());
    assertEquals(7L, after.getSeq());
    assertEquals(NOW, after.getTimestamp());
    for (int i = 0; i < before.getMetricCount(); i++) {
      Metric b = before.getMetrics().get(i);
      Metric a = after.getMetrics().get(i);
      assertEquals(b.getName(), a.getName());
      assertEquals(b.getAlias(), a.getAlias());
      assertEquals(b.getTimestamp(), a.getTimestamp());
      assertEquals(b.getDataType(), a.getDataType());
      assertEquals(String.valueOf(b.getProperties()), String.valueOf(a.getProperties()));
      assertEquals(b.isNull(), a.isNull());
      assertTrue(Objects.deepEquals(b.getValue(), a.getValue()), b.getName() + ": "
          + b.getValue() + " decoded as " + a.getValue());
    }
  }

  /** One metric per source type with a value, one with none (BAD), one unread, two configured. */
  private static DeviceState deviceOfEveryKind() {
    DeviceState device = new DeviceState("rhk01", Duration.ZERO);
    for (SourceType source : SourceType.values()) {
      MetricState m = add(device, plain("v/" + source.name().toLowerCase(java.util.Locale.ROOT)));
      MetricValues.apply(m, reading(sample(source), source, Quality.GOOD));
      assertNotNull(m.type, source + " has a Sparkplug type");
    }
    MetricValues.apply(add(device, plain("v/null")),
        reading(null, SourceType.INT32, Quality.BAD));
    add(device, plain("v/unread"));
    MetricState engineering = add(device, new TagConfig("v/engineering", "ns=2;s=E", null, "°C",
        null, null, Map.of(), new Range(0, 1200), null));
    MetricValues.apply(engineering, reading(812.5, SourceType.DOUBLE, Quality.UNCERTAIN));
    MetricState writable = add(device, new TagConfig("v/setpoint", "ns=2;s=S", null, null, null,
        null, Map.of(), new Range(0, 1000), null, true, ValueType.INT32));
    MetricValues.apply(writable, reading(750L, SourceType.INT32, Quality.GOOD));
    return device;
  }

  private static @Nullable Object sample(SourceType source) {
    return switch (source) {
      case BOOLEAN -> true;
      case INT8 -> -23L;
      case INT16 -> -300L;
      case INT32 -> 70_000L;
      case INT64 -> 1L << 40;
      case UINT8 -> 200L;
      case UINT16 -> 60_000L;
      case UINT32 -> 4_000_000_000L;
      case UINT64 -> new BigInteger("18446744073709551615");
      case FLOAT -> 1.5;
      case DOUBLE -> -2.25;
      case STRING -> "zone 3";
      case DATETIME -> "2026-12-05T05:00:00.123Z";
      case BYTES -> "AAH/gA==";
      case UUID -> "72962b91-fa75-4ae6-8d28-b404dc7daf63";
      case TEXT -> "炉温";
      case BOOLEAN_ARRAY -> List.of(true, false, true);
      case INT8_ARRAY, INT16_ARRAY, INT32_ARRAY, INT64_ARRAY -> List.of(-1L, 2L);
      case UINT8_ARRAY, UINT16_ARRAY, UINT32_ARRAY, UINT64_ARRAY -> List.of(1L, 2L);
      case FLOAT_ARRAY, DOUBLE_ARRAY -> List.of(1.5, -2.0);
      case STRING_ARRAY, TEXT_ARRAY -> List.of("ABC", "hello");
      case DATETIME_ARRAY -> List.of("1970-01-01T00:00:01Z");
      case BYTES_ARRAY -> List.of("AQI=");
      case UUID_ARRAY -> List.of("72962b91-fa75-4ae6-8d28-b404dc7daf63");
    };
  }

  private static TagConfig plain(String path) {
    return new TagConfig(path, "ns=2;s=" + path, null, null, null, null, Map.of(), null, null);
  }

  private static MetricState add(DeviceState device, TagConfig tag) {
    MetricState m = new MetricState(device, tag.path(), device.metrics.size() + 1, tag,
        MetricValues.declaredType(tag.type()));
    device.metrics.add(m);
    return m;
  }

  private static Reading reading(@Nullable Object value, SourceType source, Quality quality) {
    return new Reading("rhk01", "p", value, null, quality,
        quality == Quality.GOOD ? Status.GOOD : new Status(0x80000000L, "Bad"), READ_AT, READ_AT,
        TimestampSource.SOURCE, READ_AT, null, source);
  }

  /** The birth as the node encoded it before: every metric's Tahu model, then one encoding. */
  private static byte[] wholeBirth(DeviceState device, long seq, boolean aliases)
      throws Exception {
    List<Metric> metrics = new ArrayList<>();
    for (MetricState m : device.metrics) {
      MetricDataType type = m.type == null ? MetricValues.UNKNOWN_TYPE_DEFAULT : m.type;
      PropertySetBuilder set = new PropertySetBuilder();
      if (m.quality != Quality.GOOD) {
        set.addProperty(Payloads.QUALITY,
            new PropertyValue(PropertyDataType.Int32, Payloads.qualityCode(m.quality)));
      }
      if (m.tag.unit() != null) {
        set.addProperty("engUnit", new PropertyValue(PropertyDataType.String, m.tag.unit()));
      }
      Range range = m.tag.range();
      if (range != null) {
        set.addProperty("engLow", new PropertyValue(PropertyDataType.Double, range.low()));
        set.addProperty("engHigh", new PropertyValue(PropertyDataType.Double, range.high()));
      }
      set.addProperty("readOnly", new PropertyValue(PropertyDataType.Boolean, !m.tag.writable()));
      MetricBuilder b = new MetricBuilder(m.name, type, m.value)
          .timestamp(m.timestamp == null ? NOW : m.timestamp)
          .properties(set.createPropertySet());
      if (aliases) {
        b.alias(m.alias);
      }
      metrics.add(b.createMetric());
    }
    return new SparkplugBPayloadEncoder().getBytes(new SparkplugBPayload(NOW, metrics, seq), false);
  }
}
