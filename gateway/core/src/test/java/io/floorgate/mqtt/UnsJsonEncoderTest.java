package io.floorgate.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floorgate.buffer.BufferedReading;
import io.floorgate.config.Range;
import io.floorgate.driver.Status;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import io.floorgate.reading.TimestampSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UnsJsonEncoderTest {

  private static final String PATH = "jxnmm/isohara/calcination/rhk01/zone03/temperature";
  private static final Instant SOURCE = Instant.parse("2026-11-26T07:40:01.250Z");
  private static final Instant GATEWAY = Instant.parse("2026-11-26T07:40:01.262Z");

  private final UnsJsonEncoder encoder = new UnsJsonEncoder();

  @Test
  void readingIsWrittenWithAllFieldsInAFixedOrder() {
    Reading reading = new Reading("rhk01", PATH, 742.3, "°C", Quality.GOOD, Status.GOOD, SOURCE,
        SOURCE, TimestampSource.SOURCE, GATEWAY);

    assertEquals("{\"value\":742.3,\"unit\":\"°C\",\"quality\":\"GOOD\","
        + "\"status\":{\"code\":0,\"name\":\"Good\"},"
        + "\"timestamp\":\"2026-11-26T07:40:01.250Z\",\"timestampSource\":\"SOURCE\","
        + "\"sourceTime\":\"2026-11-26T07:40:01.250Z\","
        + "\"gatewayTime\":\"2026-11-26T07:40:01.262Z\"}",
        json(encoder.encode(reading)));
  }

  @Test
  void aReplayedReadingSaysSoInItsPayloadForConsumersWithoutUserProperties() {
    Reading reading = new Reading("rhk01", PATH, 742.3, "°C", Quality.GOOD, Status.GOOD, SOURCE,
        SOURCE, TimestampSource.SOURCE, GATEWAY);

    assertEquals("{\"value\":742.3,\"unit\":\"°C\",\"quality\":\"GOOD\","
        + "\"status\":{\"code\":0,\"name\":\"Good\"},"
        + "\"timestamp\":\"2026-11-26T07:40:01.250Z\",\"timestampSource\":\"SOURCE\","
        + "\"sourceTime\":\"2026-11-26T07:40:01.250Z\","
        + "\"gatewayTime\":\"2026-11-26T07:40:01.262Z\",\"historical\":true}",
        json(encoder.encode(reading, true)));
    assertEquals(json(encoder.encode(reading)), json(encoder.encode(reading, false)),
        "a live reading has no historical field");
  }

  @Test
  void aReadingThatFailsToEncodeLeavesTheNextOneWhole() {
    Object unprintable = new Object() {
      @Override
      public String toString() {
        throw new IllegalStateException("no text");
      }
    };
    Reading bad = new Reading("rhk01", PATH, unprintable, "°C", Quality.GOOD, Status.GOOD, SOURCE,
        SOURCE, TimestampSource.SOURCE, GATEWAY);
    Reading good = new Reading("rhk01", PATH, 742.3, "°C", Quality.GOOD, Status.GOOD, SOURCE,
        SOURCE, TimestampSource.SOURCE, GATEWAY);
    String alone = json(new UnsJsonEncoder().encode(good));

    assertThrows(IllegalStateException.class, () -> encoder.encode(bad));

    assertEquals(alone, json(encoder.encode(good)));
    assertEquals(alone, json(encoder.encode(good)), "one payload after another, nothing between");
  }

  @Test
  void everyReadingOfAReplayedBatchIsMarkedAndALiveBatchIsNot() {
    List<BufferedReading> run = List.of(
        new BufferedReading(1, 0, 2, new Reading("rhk01", PATH, 1.0, "°C", Quality.GOOD,
            Status.GOOD, SOURCE, SOURCE, TimestampSource.SOURCE, GATEWAY)),
        new BufferedReading(1, 1, 2, new Reading("rhk01", PATH, 2.0, "°C", Quality.GOOD,
            Status.GOOD, SOURCE, SOURCE, TimestampSource.SOURCE, GATEWAY)));

    String replayed = json(encoder.encodeBatch(run, Long.MAX_VALUE, true).payload());
    String live = json(encoder.encodeBatch(run, Long.MAX_VALUE, false).payload());

    assertEquals(2, replayed.split("\"historical\":true}", -1).length - 1, replayed);
    assertFalse(live.contains("historical"), live);
    assertEquals(live, json(encoder.encodeBatch(run, Long.MAX_VALUE).payload()));
  }

  @Test
  void badReadingWithoutSourceTimeHasNulls() {
    Status sensorFailure = new Status(0x808C0000L, "Bad_SensorFailure");
    Reading reading = new Reading("rhk01", PATH, null, null, Quality.BAD, sensorFailure, null,
        GATEWAY, TimestampSource.GATEWAY, GATEWAY);

    assertEquals("{\"value\":null,\"unit\":null,\"quality\":\"BAD\","
        + "\"status\":{\"code\":2156658688,\"name\":\"Bad_SensorFailure\"},"
        + "\"timestamp\":\"2026-11-26T07:40:01.262Z\",\"timestampSource\":\"GATEWAY\","
        + "\"sourceTime\":null,\"gatewayTime\":\"2026-11-26T07:40:01.262Z\"}",
        json(encoder.encode(reading)));
  }

  @Test
  void unrepresentableValueCarriesItsReason() {
    Status unsupported = new Status(0x80390000L, "Bad_DataEncodingUnsupported");
    Reading reading = new Reading("rhk01", PATH, null, null, Quality.BAD, unsupported, null,
        GATEWAY, TimestampSource.GATEWAY, GATEWAY, "a structure has no JSON form");

    assertEquals("{\"value\":null,\"unit\":null,\"quality\":\"BAD\","
        + "\"status\":{\"code\":2151219200,\"name\":\"Bad_DataEncodingUnsupported\"},"
        + "\"timestamp\":\"2026-11-26T07:40:01.262Z\",\"timestampSource\":\"GATEWAY\","
        + "\"sourceTime\":null,\"gatewayTime\":\"2026-11-26T07:40:01.262Z\","
        + "\"reason\":\"a structure has no JSON form\"}",
        json(encoder.encode(reading)));
  }

  static Stream<Arguments> values() {
    return Stream.of(
        Arguments.of(742.3, "742.3"),
        Arguments.of(-17.5, "-17.5"),
        Arguments.of(4711L, "4711"),
        Arguments.of(new java.math.BigInteger("18446744073709551615"), "18446744073709551615"),
        Arguments.of(java.util.List.of(1L, 2L, 3L), "[1,2,3]"),
        Arguments.of(java.util.List.of(0.5, -1.25), "[0.5,-1.25]"),
        Arguments.of(java.util.List.of("a", "b"), "[\"a\",\"b\"]"),
        Arguments.of(java.util.List.of(true, false), "[true,false]"),
        Arguments.of(true, "true"),
        Arguments.of("mixing", "\"mixing\""),
        Arguments.of("say \"hi\"", "\"say \\\"hi\\\"\""),
        Arguments.of(Double.NaN, "\"NaN\""));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("values")
  void valueKeepsItsJsonType(Object value, String expected) {
    Reading reading = new Reading("mx01", PATH, value, null, Quality.GOOD, Status.GOOD, SOURCE,
        SOURCE, TimestampSource.SOURCE, GATEWAY);

    String json = json(encoder.encode(reading));

    assertEquals(expected, json.substring("{\"value\":".length(), json.indexOf(",\"unit\"")));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("times")
  void timesAlwaysCarryMilliseconds(Instant time, String expected) {
    assertEquals(expected, UnsJsonEncoder.time(time));
  }

  static Stream<Arguments> times() {
    return Stream.of(
        Arguments.of(Instant.parse("2026-11-26T07:40:01Z"), "2026-11-26T07:40:01.000Z"),
        Arguments.of(Instant.parse("2026-11-26T07:40:01.250Z"), "2026-11-26T07:40:01.250Z"),
        Arguments.of(Instant.parse("2026-11-26T07:40:01.250999Z"), "2026-11-26T07:40:01.250Z"),
        Arguments.of(Instant.parse("2000-01-01T00:00:00Z"), "2000-01-01T00:00:00.000Z"));
  }

  @Test
  void metaListsUnitRangeAndEnumInCodeOrder() {
    TagMeta meta = new TagMeta("jxnmm/isohara/mixing/mx01/state", "mx01", "ns=2;s=MX01.State",
        null, null, "Mixer state", new Range(0, 4),
        Map.of(4L, "fault", 0L, "idle", 2L, "mixing", 10L, "service"));

    assertEquals("{\"unit\":null,\"range\":{\"low\":0,\"high\":4},\"description\":\"Mixer state\","
        + "\"connection\":\"mx01\",\"node\":\"ns=2;s=MX01.State\",\"sourceUnit\":null,"
        + "\"enum\":{\"0\":\"idle\",\"2\":\"mixing\",\"4\":\"fault\",\"10\":\"service\"}}",
        json(encoder.encodeMeta(meta)));
  }

  @Test
  void metaOfConvertedTagNamesBothUnits() {
    TagMeta meta = new TagMeta("jxnmm/isohara/mixing/mx01/bearingtemp", "mx01",
        "ns=2;s=MX01.BearingTemp_degF", "°C", "°F", null, new Range(-20.5, 120), Map.of());

    assertEquals("{\"unit\":\"°C\",\"range\":{\"low\":-20.5,\"high\":120},\"description\":null,"
        + "\"connection\":\"mx01\",\"node\":\"ns=2;s=MX01.BearingTemp_degF\",\"sourceUnit\":\"°F\","
        + "\"enum\":{}}", json(encoder.encodeMeta(meta)));
  }

  private static String json(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
