package io.floorgate.normalize;

import static io.floorgate.normalize.Fixtures.CLOCK;
import static io.floorgate.normalize.Fixtures.NOW;
import static io.floorgate.normalize.Fixtures.config;
import static io.floorgate.normalize.Fixtures.normalizer;
import static io.floorgate.normalize.Fixtures.sample;
import static io.floorgate.normalize.Fixtures.tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.config.Range;
import io.floorgate.driver.Deadband;
import io.floorgate.driver.Sample;
import io.floorgate.driver.Status;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import io.floorgate.reading.TimestampSource;
import org.junit.jupiter.api.Test;

class NormalizerTest {

  @Test
  void readingCarriesPathUnitQualityAndTimes() {
    Normalizer normalizer = normalizer(tag("rhk01/zone03/temperature").unit("°C"));
    Sample sample = sample("rhk01/zone03/temperature", 742.3);

    Reading reading = normalizer.normalize(sample).orElseThrow();

    assertEquals(new Reading("rhk01", "jxnmm/isohara/calcination/rhk01/zone03/temperature",
        742.3, "°C", Quality.GOOD, Status.GOOD, sample.sourceTime(), sample.sourceTime(),
        TimestampSource.SOURCE, NOW), reading);
  }

  @Test
  void sampleOfUnknownTagIsDroppedAndCounted() {
    Normalizer normalizer = normalizer(tag("rhk01/zone03/temperature"));

    assertTrue(normalizer.normalize(sample("rhk01/zone99/temperature", 1.0)).isEmpty());
    assertTrue(normalizer.normalize(sample("rhk01/zone99/temperature", 2.0)).isEmpty());
    assertTrue(normalizer.normalize(new Sample("mx07", "rhk01/zone03/temperature", 1.0,
        Status.GOOD, null, null, NOW)).isEmpty());

    assertEquals(3, normalizer.unknownSamples());
    assertEquals(0, normalizer.suppressed());
  }

  @Test
  void tagCountCoversEveryGroup() {
    assertEquals(3, normalizer(tag("a"), tag("b"), tag("c")).tagCount());
  }

  @Test
  void incompatibleUnitsAreRejectedNamingTheTag() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Normalizer(config(tag("mx01/current").sourceUnit("A").unit("°C")), CLOCK));

    assertTrue(e.getMessage().contains("mx01/current"), e.getMessage());
  }

  @Test
  void unknownUnitIsRejectedNamingTheTag() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Normalizer(config(tag("mx01/current").sourceUnit("furlong").unit("A")), CLOCK));

    assertTrue(e.getMessage().contains("mx01/current"), e.getMessage());
    assertTrue(e.getMessage().contains("furlong"), e.getMessage());
  }

  @Test
  void percentDeadbandWithoutRangeIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Normalizer(config(tag("rhk01/o2")
            .deadband(new Deadband(Deadband.Kind.PERCENT, 1))), CLOCK));

    assertTrue(e.getMessage().contains("rhk01/o2"), e.getMessage());
  }

  @Test
  void tagConfiguredTwiceIsRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> new Normalizer(config(tag("rhk01/o2"), tag("rhk01/o2")), CLOCK));
  }

  @Test
  void percentDeadbandWithRangeIsAccepted() {
    Normalizer normalizer = normalizer(tag("rhk01/o2").unit("%").range(new Range(0, 100))
        .deadband(new Deadband(Deadband.Kind.PERCENT, 1)));

    assertTrue(normalizer.normalize(sample("rhk01/o2", 92.0)).isPresent());
    assertTrue(normalizer.normalize(sample("rhk01/o2", 92.5)).isEmpty());
  }
}
