package io.floorgate.normalize;

import static io.floorgate.normalize.Fixtures.normalizer;
import static io.floorgate.normalize.Fixtures.sample;
import static io.floorgate.normalize.Fixtures.tag;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floorgate.config.Range;
import io.floorgate.driver.Deadband;
import io.floorgate.driver.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PublishByExceptionTest {

  private static final String TAG = "rhk01/zone05/temperature";
  private static final Status GOOD = Status.GOOD;
  private static final Status UNCERTAIN = new Status(0x40900000L, "Uncertain_LastUsableValue");
  private static final Status SENSOR_FAILURE = new Status(0x808C0000L, "Bad_SensorFailure");
  private static final Status NO_COMMUNICATION = new Status(0x80310000L, "Bad_NoCommunication");

  /** One sample and whether it should be published. */
  record Step(@Nullable Object value, Status status, boolean published) {
    @Override
    public String toString() {
      return value + "/" + status.name() + (published ? "+" : "-");
    }
  }

  static Step pass(@Nullable Object value, Status status) {
    return new Step(value, status, true);
  }

  static Step drop(@Nullable Object value, Status status) {
    return new Step(value, status, false);
  }

  static Stream<Arguments> cases() {
    Deadband half = new Deadband(Deadband.Kind.ABSOLUTE, 0.5);
    Deadband onePercent = new Deadband(Deadband.Kind.PERCENT, 1.0);
    Range kiln = new Range(0, 1100);
    return Stream.of(
        Arguments.of("repeat is dropped", null, null,
            List.of(pass(750.0, GOOD), drop(750.0, GOOD), pass(750.1, GOOD))),
        Arguments.of("no deadband: any change passes", null, null,
            List.of(pass(750.0, GOOD), pass(750.0001, GOOD))),
        Arguments.of("absolute deadband", half, null,
            List.of(pass(10.0, GOOD), drop(10.4, GOOD), drop(10.5, GOOD), pass(10.6, GOOD),
                drop(10.9, GOOD), pass(11.2, GOOD), pass(10.0, GOOD))),
        Arguments.of("drift is measured from the last published value", half, null,
            List.of(pass(10.0, GOOD), drop(10.3, GOOD), drop(10.45, GOOD), pass(10.6, GOOD))),
        Arguments.of("percent of range: 1 % of 0..1100 is 11", onePercent, kiln,
            List.of(pass(700.0, GOOD), drop(711.0, GOOD), pass(711.5, GOOD), drop(701.0, GOOD),
                pass(700.0, GOOD))),
        Arguments.of("integers use the deadband too", new Deadband(Deadband.Kind.ABSOLUTE, 2),
            null, List.of(pass(100L, GOOD), drop(101L, GOOD), drop(102L, GOOD), pass(103L, GOOD))),
        Arguments.of("quality change within the deadband passes", half, null,
            List.of(pass(10.0, GOOD), pass(10.1, UNCERTAIN), drop(10.1, UNCERTAIN),
                pass(10.1, GOOD))),
        Arguments.of("bad repeats are dropped, a new bad code passes", half, null,
            List.of(pass(10.0, SENSOR_FAILURE), drop(10.0, SENSOR_FAILURE),
                drop(99.0, SENSOR_FAILURE), pass(10.0, NO_COMMUNICATION), pass(10.0, GOOD))),
        Arguments.of("strings by equality", half, null,
            List.of(pass("B-001", GOOD), drop("B-001", GOOD), pass("B-002", GOOD))));
  }

  @ParameterizedTest(name = "{0}: {3}")
  @MethodSource("cases")
  void onlyNewsIsPublished(String name, @Nullable Deadband deadband, @Nullable Range range,
      List<Step> steps) {
    Normalizer normalizer = normalizer(tag(TAG).unit("°C").deadband(deadband).range(range));

    List<Boolean> published = new ArrayList<>();
    for (Step step : steps) {
      published.add(normalizer.normalize(sample(TAG, step.value(), step.status())).isPresent());
    }

    assertEquals(steps.stream().map(Step::published).toList(), published);
    assertEquals(steps.stream().filter(s -> !s.published()).count(), normalizer.suppressed());
  }

  @Test
  void tagsAreFilteredIndependently() {
    Normalizer normalizer = normalizer(tag("mx01/speed"), tag("mx02/speed"));

    normalizer.normalize(sample("mx01/speed", 120.0));

    assertEquals(true, normalizer.normalize(sample("mx02/speed", 120.0)).isPresent());
    assertEquals(false, normalizer.normalize(sample("mx01/speed", 120.0)).isPresent());
  }

  @Test
  void firstSampleAfterTheLinkComesBackPassesEvenIfUnchanged() {
    Normalizer normalizer = normalizer(tag(TAG).deadband(new Deadband(Deadband.Kind.ABSOLUTE, 1)));
    normalizer.normalize(sample(TAG, 750.0));
    assertEquals(false, normalizer.normalize(sample(TAG, 750.0)).isPresent());

    normalizer.linkUp(Fixtures.CONNECTION);

    // A Sparkplug rebirth after a PLC restart waits for this value.
    assertEquals(true, normalizer.normalize(sample(TAG, 750.0)).isPresent());
    assertEquals(false, normalizer.normalize(sample(TAG, 750.5)).isPresent());
    normalizer.linkUp("another-plc");
    assertEquals(false, normalizer.normalize(sample(TAG, 750.0)).isPresent());
  }
}
