package io.floorgate.normalize;

import static io.floorgate.normalize.Fixtures.normalizer;
import static io.floorgate.normalize.Fixtures.sample;
import static io.floorgate.normalize.Fixtures.tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.floorgate.config.Scaling;
import io.floorgate.reading.Reading;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EngineeringValueTest {

  /** S7 analog input: 0–27648 counts = 0–400 l/min. */
  private static final Scaling COOLING_WATER = new Scaling(0, 27648, 0, 400, true);
  private static final Scaling COOLING_WATER_UNCLAMPED = new Scaling(0, 27648, 0, 400, false);

  static Stream<Arguments> scalingCases() {
    return Stream.of(
        Arguments.of("zero counts", COOLING_WATER, 0L, 0.0),
        Arguments.of("half scale", COOLING_WATER, 13824L, 200.0),
        Arguments.of("full scale", COOLING_WATER, 27648L, 400.0),
        Arguments.of("over range clamps high", COOLING_WATER, 32767L, 400.0),
        Arguments.of("under range clamps low", COOLING_WATER, -4864L, 0.0),
        Arguments.of("over range unclamped", COOLING_WATER_UNCLAMPED, 32767L, 474.05960648148147),
        Arguments.of("float raw", COOLING_WATER, 6912.0, 100.0),
        Arguments.of("inverted span", new Scaling(0, 100, 100, 0, true), 25L, 75.0));
  }

  @ParameterizedTest(name = "{0}: {2} -> {3}")
  @MethodSource("scalingCases")
  void scalingMapsRawCountsToEngineeringUnits(String name, Scaling scaling, Object raw,
      double expected) {
    Normalizer normalizer = normalizer(tag("rhk01/coolingwater").unit("l/min").scaling(scaling));

    Reading reading = normalizer.normalize(sample("rhk01/coolingwater", raw)).orElseThrow();

    assertEquals(expected, (Double) reading.value(), 1e-9);
  }

  static Stream<Arguments> unitCases() {
    return Stream.of(
        Arguments.of("°F", "°C", 212.0, 100.0),
        Arguments.of("°F", "°C", 32.0, 0.0),
        Arguments.of("°F", "°C", 0.0, -17.77777777777778),
        Arguments.of("degF", "degC", -40.0, -40.0),
        Arguments.of("°C", "K", 0.0, 273.15),
        Arguments.of("kPa", "Pa", 101.325, 101325.0),
        Arguments.of("Pa", "kPa", 2500.0, 2.5),
        Arguments.of("bar", "kPa", 1.5, 150.0),
        Arguments.of("l/min", "m³/h", 1000.0, 60.0),
        Arguments.of("ppm", "%", 920_000.0, 92.0),
        Arguments.of("kWh", "MJ", 2.5, 9.0),
        Arguments.of("Wh", "kWh", 1500.0, 1.5));
  }

  @ParameterizedTest(name = "{2} {0} -> {3} {1}")
  @MethodSource("unitCases")
  void unitConversionUsesTheConfiguredUnits(String from, String to, double raw, double expected) {
    Normalizer normalizer = normalizer(tag("mx01/bearingtemp").sourceUnit(from).unit(to));

    Reading reading = normalizer.normalize(sample("mx01/bearingtemp", raw)).orElseThrow();

    assertEquals(expected, (Double) reading.value(), 1e-9);
    assertEquals(to, reading.unit());
  }

  @Test
  void scalingRunsBeforeUnitConversion() {
    // 0–27648 counts = 32–212 °F, published in °C.
    Normalizer normalizer = normalizer(tag("mx01/oiltemp").sourceUnit("°F").unit("°C")
        .scaling(new Scaling(0, 27648, 32, 212, true)));

    Reading reading = normalizer.normalize(sample("mx01/oiltemp", 27648L)).orElseThrow();

    assertEquals(100.0, (Double) reading.value(), 1e-9);
  }

  @Test
  void integerWithoutScalingOrConversionStaysLong() {
    Normalizer normalizer = normalizer(tag("rhk01/heartbeat"));

    Reading reading = normalizer.normalize(sample("rhk01/heartbeat", 4711L)).orElseThrow();

    assertEquals(4711L, reading.value());
  }

  @Test
  void integerWithConversionBecomesDouble() {
    Normalizer normalizer = normalizer(tag("rhk01/press").sourceUnit("kPa").unit("Pa"));

    Reading reading = normalizer.normalize(sample("rhk01/press", 3L)).orElseThrow();

    assertInstanceOf(Double.class, reading.value());
    assertEquals(3000.0, (Double) reading.value(), 1e-9);
  }

  @Test
  void sameSourceAndTargetUnitLeavesValueUntouched() {
    Normalizer normalizer = normalizer(tag("rhk01/zone03/temperature").sourceUnit("°C").unit("°C"));

    Reading reading =
        normalizer.normalize(sample("rhk01/zone03/temperature", 42L)).orElseThrow();

    assertEquals(42L, reading.value());
  }

  @Test
  void booleansAndStringsPassThrough() {
    Normalizer normalizer = normalizer(tag("rhk01/running"), tag("mx01/batchid"));

    assertEquals(true, normalizer.normalize(sample("rhk01/running", true)).orElseThrow().value());
    assertEquals("B-2026-11-26-003",
        normalizer.normalize(sample("mx01/batchid", "B-2026-11-26-003")).orElseThrow().value());
  }
}
