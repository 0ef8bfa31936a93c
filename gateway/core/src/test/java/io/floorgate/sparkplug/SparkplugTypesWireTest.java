package io.floorgate.sparkplug;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.driver.SourceType;
import io.floorgate.driver.Status;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import io.floorgate.reading.TimestampSource;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.protobuf.SparkplugBProto;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * What a source-typed reading becomes on the wire, read back with the protobuf classes generated
 * from the Sparkplug schema rather than through Tahu's model: the data type number, and the value
 * field with the byte layout the Sparkplug 3.0 specification gives for each array type (its own
 * examples where it has them).
 */
class SparkplugTypesWireTest {

  private static final HexFormat HEX = HexFormat.of();

  static List<Arguments> arrays() {
    return List.of(
        // The specification's examples (section "Sparkplug Array Types").
        Arguments.of(SourceType.BOOLEAN_ARRAY, List.of(false, false, true, true, false, true, false,
            false, true, true, false, true), 32, "0c00000034d0"),
        Arguments.of(SourceType.INT32_ARRAY, List.of(123456789L, 987654321L), 24,
            "15cd5b07b168de3a"),
        Arguments.of(SourceType.STRING_ARRAY, List.of("ABC", "hello"), 33, "41424300" + "68656c6c6f00"),
        Arguments.of(SourceType.UINT64_ARRAY, List.of(52L, new BigInteger("16444743074749521625")),
            29, "3400000000000000" + "d99e02d1b27637e4"),
        // The specification's Int8Array example prints 0xEF for -23, whose byte is 0xE9.
        Arguments.of(SourceType.INT8_ARRAY, List.of(-23L, 123L), 22, "e97b"),
        // Little-endian IEEE 754, as the specification's text says.
        Arguments.of(SourceType.DOUBLE_ARRAY, List.of(1.5, -2.0), 31,
            "000000000000f83f" + "00000000000000c0"),
        Arguments.of(SourceType.FLOAT_ARRAY, List.of(1.5), 30, "0000c03f"),
        Arguments.of(SourceType.UINT16_ARRAY, List.of(65535L, 1L), 27, "ffff0100"),
        // Milliseconds since the epoch, 8 bytes each, little-endian.
        Arguments.of(SourceType.DATETIME_ARRAY, List.of("1970-01-01T00:00:01Z"), 34,
            "e803000000000000"),
        // No Bytes array in Sparkplug: base64 text in a StringArray.
        Arguments.of(SourceType.BYTES_ARRAY, List.of("AQI="), 33, "4151493d00"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("arrays")
  void arraysArePackedAsTheSpecificationSays(SourceType source, List<?> value, int datatype,
      String bytes) throws Exception {
    SparkplugBProto.Payload.Metric wire = born(source, value);

    assertEquals(datatype, wire.getDatatype());
    assertEquals(bytes, HEX.formatHex(wire.getBytesValue().toByteArray()));
  }

  @Test
  void aUInt64AboveTheInt64RangeIsTheUnsignedLongField() throws Exception {
    SparkplugBProto.Payload.Metric wire =
        born(SourceType.UINT64, new BigInteger("18446744073709551615"));

    assertEquals(MetricDataType.UInt64.toIntValue(), wire.getDatatype());
    assertEquals("18446744073709551615", Long.toUnsignedString(wire.getLongValue()));
  }

  @Test
  void aDateTimeIsEpochMilliseconds() throws Exception {
    SparkplugBProto.Payload.Metric wire = born(SourceType.DATETIME, "2026-12-05T05:00:00.123Z");

    assertEquals(MetricDataType.DateTime.toIntValue(), wire.getDatatype());
    assertEquals(Instant.parse("2026-12-05T05:00:00.123Z").toEpochMilli(), wire.getLongValue());
  }

  @Test
  void aByteStringIsBytes() throws Exception {
    SparkplugBProto.Payload.Metric wire = born(SourceType.BYTES, "AAH/gA==");

    assertEquals(MetricDataType.Bytes.toIntValue(), wire.getDatatype());
    assertArrayEquals(new byte[] {0, 1, (byte) 0xFF, (byte) 0x80},
        wire.getBytesValue().toByteArray());
  }

  @Test
  void aGuidIsUuidAndLocalizedTextIsText() throws Exception {
    String guid = "72962b91-fa75-4ae6-8d28-b404dc7daf63";
    assertEquals(MetricDataType.UUID.toIntValue(), born(SourceType.UUID, guid).getDatatype());
    assertEquals(guid, born(SourceType.UUID, guid).getStringValue());
    assertEquals(MetricDataType.Text.toIntValue(), born(SourceType.TEXT, "炉温").getDatatype());
  }

  @Test
  void aNullStringIsBornAsAStringNotAsADouble() throws Exception {
    SparkplugBProto.Payload.Metric wire = born(SourceType.STRING, null);

    assertEquals(MetricDataType.String.toIntValue(), wire.getDatatype());
    assertTrue(wire.getIsNull());
  }

  @Test
  void aMetricBornWithThePlaceholderTypeIsBornAgainOnceItsSourceTypeIsKnown() {
    MetricState m = MetricValuesTest.metric(null);
    m.device.metrics.add(m);
    new Payloads(true).dbirth(m.device, 1, new Date()); // no reading yet: the placeholder
    assertEquals(MetricValues.UNKNOWN_TYPE_DEFAULT, m.type);

    assertEquals(MetricValues.Outcome.TYPE_CHANGED,
        MetricValues.apply(m, reading(null, SourceType.UINT64)));
    assertEquals(MetricDataType.UInt64, m.type);
    assertEquals(MetricValues.Outcome.UPDATED,
        MetricValues.apply(m, reading(new BigInteger("18446744073709551615"), SourceType.UINT64)));
    assertEquals(new BigInteger("18446744073709551615"), m.value);
  }

  @Test
  void aWidenedTypeStaysWhileTheSourceTypeDoesNotChange() {
    MetricState m = MetricValuesTest.metric(null);
    MetricValues.apply(m, reading(List.of(1L, 2L), SourceType.INT8_ARRAY));
    assertEquals(MetricDataType.Int8Array, m.type);

    // 300 is no Int8: the metric becomes a String once, and stays one.
    assertEquals(MetricValues.Outcome.TYPE_CHANGED,
        MetricValues.apply(m, reading(List.of(300L), SourceType.INT8_ARRAY)));
    assertEquals(MetricValues.Outcome.UPDATED,
        MetricValues.apply(m, reading(List.of(3L), SourceType.INT8_ARRAY)));
    assertEquals(MetricDataType.String, m.type);
  }

  @Test
  void valuesThatDoNotFitTheirTypeAreRefused() {
    assertNull(SparkplugTypes.value(256L, MetricDataType.UInt8, false));
    assertNull(SparkplugTypes.value(-1L, MetricDataType.UInt64, false));
    assertNull(SparkplugTypes.value("yesterday", MetricDataType.DateTime, false));
    assertNull(SparkplugTypes.value("not base64!", MetricDataType.Bytes, false));
    assertNull(SparkplugTypes.value(List.of(1L, 2.5), MetricDataType.Int32Array, false));
    assertEquals(List.of("", "b"), Arrays.asList((Object[]) SparkplugTypes.value(
        Arrays.asList(null, "b"), MetricDataType.StringArray, false)));
  }

  /** The metric's DBIRTH entry after one reading of the given source type. */
  private static SparkplugBProto.Payload.Metric born(SourceType source, @Nullable Object value)
      throws Exception {
    MetricState m = MetricValuesTest.metric(null);
    m.device.metrics.add(m);
    MetricValues.apply(m, reading(value, source));
    byte[] bytes = new Payloads(true).dbirth(m.device, 1, new Date());
    return SparkplugBProto.Payload.parseFrom(bytes).getMetrics(0);
  }

  private static Reading reading(@Nullable Object value, SourceType source) {
    Instant now = Instant.now();
    return new Reading("rhk01", "p", value, null, value == null ? Quality.BAD : Quality.GOOD,
        value == null ? new Status(0x80000000L, "Bad") : Status.GOOD, now, now,
        TimestampSource.SOURCE, now, null, source);
  }
}
