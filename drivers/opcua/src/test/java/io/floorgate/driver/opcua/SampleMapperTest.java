package io.floorgate.driver.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ubyte;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ulong;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ushort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.driver.Sample;
import io.floorgate.driver.Status;
import java.time.Instant;
import java.util.stream.Stream;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import java.util.List;
import java.util.UUID;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SampleMapperTest {

  static Stream<Arguments> variants() {
    return Stream.of(
        Arguments.of("Boolean", Variant.ofBoolean(true), true),
        Arguments.of("SByte", Variant.ofSByte((byte) -5), -5L),
        Arguments.of("Byte", Variant.ofByte(ubyte(200)), 200L),
        Arguments.of("Int16", Variant.ofInt16((short) 27648), 27648L),
        Arguments.of("UInt16", Variant.ofUInt16(ushort(65535)), 65535L),
        Arguments.of("Int32", Variant.ofInt32(-42), -42L),
        Arguments.of("UInt32", Variant.ofUInt32(uint(4_000_000_000L)), 4_000_000_000L),
        Arguments.of("Int64", Variant.ofInt64(Long.MIN_VALUE), Long.MIN_VALUE),
        Arguments.of("UInt64 in range", Variant.ofUInt64(ulong(7L)), 7L),
        Arguments.of("UInt64 above Long", Variant.ofUInt64(ULong.valueOf("18446744073709551615")),
            new java.math.BigInteger("18446744073709551615")),
        Arguments.of("Float", Variant.ofFloat(0.1f), 0.1d),
        Arguments.of("Double", Variant.ofDouble(752.25), 752.25d),
        Arguments.of("String", Variant.ofString("B-2024-117"), "B-2024-117"),
        Arguments.of("LocalizedText", Variant.ofLocalizedText(LocalizedText.english("Mixing")), "Mixing"),
        Arguments.of("DateTime", Variant.ofDateTime(new DateTime(Instant.parse("2000-01-01T00:00:00Z"))),
            "2000-01-01T00:00:00Z"),
        Arguments.of("Int32 array", Variant.of(new Integer[] {1, 2, 3}), List.of(1L, 2L, 3L)),
        Arguments.of("Double array", Variant.of(new Double[] {1.5, -2.0}), List.of(1.5, -2.0)),
        Arguments.of("String array", Variant.of(new String[] {"a", "b"}), List.of("a", "b")),
        Arguments.of("ByteString", Variant.ofByteString(ByteString.of(new byte[] {1, 2, (byte) 255})),
            "AQL/"),
        Arguments.of("Guid", Variant.ofGuid(UUID.fromString("72962b91-fa75-4ae6-8d28-b404dc7daf63")),
            "72962b91-fa75-4ae6-8d28-b404dc7daf63"),
        Arguments.of("StatusCode", Variant.ofStatusCode(new StatusCode(StatusCodes.Bad_SensorFailure)),
            "Bad_SensorFailure"),
        Arguments.of("null", Variant.NULL_VALUE, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void variantsBecomePlainJavaValues(String type, Variant variant, Object expected) {
    assertEquals(expected, SampleMapper.plain(variant));
  }

  @Test
  void structureIsDeliveredBadWithAReasonInsteadOfDropped() {
    var eu = new org.eclipse.milo.opcua.stack.core.types.structured.Range(0.0, 1.0);
    var xo = org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject.encode(
        org.eclipse.milo.opcua.stack.core.encoding.DefaultEncodingContext.INSTANCE, eu);
    var sample = SampleMapper.toSample("c", "t", new DataValue(new Variant(xo)), Instant.EPOCH);

    assertTrue(sample.status().isBad());
    assertEquals("Bad_DataEncodingUnsupported", sample.status().name());
    assertEquals(null, sample.value());
    assertTrue(sample.reason() != null && sample.reason().contains("ExtensionObject"),
        sample::toString);
  }

  @Test
  void notANumberIsDeliveredBadWithAReason() {
    var sample = SampleMapper.toSample("c", "t", new DataValue(Variant.ofDouble(Double.NaN)),
        Instant.EPOCH);

    assertTrue(sample.status().isBad());
    assertTrue(sample.reason() != null && sample.reason().contains("NaN"), sample::toString);
  }

  @Test
  void statusCarriesCodeAndSymbolicName() {
    Status status = SampleMapper.status(new StatusCode(StatusCodes.Bad_SensorFailure));

    assertEquals(StatusCodes.Bad_SensorFailure, status.code());
    assertEquals("Bad_SensorFailure", status.name());
    assertTrue(status.isBad());
  }

  @Test
  void goodStatusIsNamedGood() {
    Status status = SampleMapper.status(StatusCode.GOOD);

    assertEquals(Status.GOOD, status);
    assertFalse(status.isBad());
  }

  @Test
  void infoBitsKeepTheName() {
    long overflowed = StatusCodes.Uncertain_LastUsableValue | 0x0480L;

    assertEquals("Uncertain_LastUsableValue", SampleMapper.status(new StatusCode(overflowed)).name());
    assertEquals(overflowed, SampleMapper.status(new StatusCode(overflowed)).code());
  }

  @Test
  void dataValueBecomesSampleWithBothTimestamps() {
    Instant source = Instant.parse("2025-03-01T08:00:00Z");
    Instant server = Instant.parse("2025-03-01T08:00:00.050Z");
    Instant received = Instant.parse("2025-03-01T08:00:00.060Z");
    var dv = new DataValue(Variant.ofDouble(751.5), StatusCode.GOOD, new DateTime(source), new DateTime(server));

    Sample sample = SampleMapper.toSample("rhk01", "zone03.pv", dv, received);

    assertEquals(new Sample("rhk01", "zone03.pv", 751.5, Status.GOOD, source, server, received)
        .withSourceType(io.floorgate.driver.SourceType.DOUBLE), sample);
  }

  @Test
  void missingTimestampsBecomeNull() {
    var dv = new DataValue(Variant.ofInt32(1), StatusCode.GOOD, null, DateTime.NULL_VALUE);

    Sample sample = SampleMapper.toSample("rhk01", "hb", dv, Instant.now());

    assertNull(sample.sourceTime());
    assertNull(sample.serverTime());
  }
}
