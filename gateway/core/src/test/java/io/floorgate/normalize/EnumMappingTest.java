package io.floorgate.normalize;

import static io.floorgate.normalize.Fixtures.normalizer;
import static io.floorgate.normalize.Fixtures.sample;
import static io.floorgate.normalize.Fixtures.tag;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floorgate.driver.Status;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnumMappingTest {

  private static final Map<Long, String> MIXER_STATES =
      Map.of(0L, "idle", 1L, "charging", 2L, "mixing", 3L, "discharging", 4L, "fault");

  @ParameterizedTest(name = "{0} ({1}) -> {3} {4}")
  @CsvSource({
      "0,   0x00000000, Good,                      idle,         GOOD",
      "2,   0x00000000, Good,                      mixing,       GOOD",
      "4,   0x00000000, Good,                      fault,        GOOD",
      "2.0, 0x00000000, Good,                      mixing,       GOOD",
      "7,   0x00000000, Good,                      unknown(7),   UNCERTAIN",
      "-1,  0x00000000, Good,                      unknown(-1),  UNCERTAIN",
      "3,   0x40900000, Uncertain_LastUsableValue, discharging,  UNCERTAIN",
      "9,   0x40900000, Uncertain_LastUsableValue, unknown(9),   UNCERTAIN",
      "2,   0x80310000, Bad_NoCommunication,       ,             BAD",
  })
  void codesArePublishedByName(String raw, String hex, String statusName, String expectedValue,
      Quality expectedQuality) {
    Normalizer normalizer = normalizer(tag("mx01/state").enumMap(MIXER_STATES));
    Object rawValue = raw.contains(".") ? (Object) Double.valueOf(raw) : (Object) Long.valueOf(raw);
    Status status = new Status(Long.decode(hex), statusName);

    Reading reading = normalizer.normalize(sample("mx01/state", rawValue, status)).orElseThrow();

    assertEquals(expectedValue, reading.value());
    assertEquals(expectedQuality, reading.quality());
    assertEquals(status, reading.status());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"true, open", "false, closed"})
  void aTwoStatePointPublishesTheNameOfItsState(boolean raw, String expected) {
    Normalizer normalizer = normalizer(tag("mx01/door").enumMap(Map.of(0L, "closed", 1L, "open")));
    Status good = new Status(0, "Good");

    Reading reading = normalizer.normalize(sample("mx01/door", raw, good)).orElseThrow();

    assertEquals(expected, reading.value());
    assertEquals(Quality.GOOD, reading.quality());
  }
}
