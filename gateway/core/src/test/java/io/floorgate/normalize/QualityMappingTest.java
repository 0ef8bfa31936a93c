package io.floorgate.normalize;

import static io.floorgate.normalize.Fixtures.normalizer;
import static io.floorgate.normalize.Fixtures.sample;
import static io.floorgate.normalize.Fixtures.tag;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floorgate.driver.Status;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QualityMappingTest {

  @ParameterizedTest(name = "{1} ({0}) -> {2}")
  @CsvSource({
      "0x00000000, Good,                               GOOD",
      "0x002F0000, Good_Overload,                      GOOD",
      "0x00960000, Good_LocalOverride,                 GOOD",
      "0x40000000, Uncertain,                          UNCERTAIN",
      "0x408F0000, Uncertain_NoCommunicationLastUsableValue, UNCERTAIN",
      "0x40900000, Uncertain_LastUsableValue,          UNCERTAIN",
      "0x40930000, Uncertain_SensorNotAccurate,        UNCERTAIN",
      "0x40940000, Uncertain_EngineeringUnitsExceeded, UNCERTAIN",
      "0x80000000, Bad,                                BAD",
      "0x808C0000, Bad_SensorFailure,                  BAD",
      "0x808B0000, Bad_DeviceFailure,                  BAD",
      "0x80050000, Bad_CommunicationError,             BAD",
      "0x80310000, Bad_NoCommunication,                BAD",
      "0x80320000, Bad_WaitingForInitialData,          BAD",
      "0x808D0000, Bad_OutOfService,                   BAD",
  })
  void qualityFollowsTheStatusSeverity(String hex, String name, Quality expected) {
    Status status = new Status(Long.decode(hex), name);
    Normalizer normalizer = normalizer(tag("rhk01/zone03/tc_a").unit("°C"));

    Reading reading =
        normalizer.normalize(sample("rhk01/zone03/tc_a", 751.5, status)).orElseThrow();

    assertEquals(expected, reading.quality());
    assertEquals(status, reading.status());
    // A bad value is whatever the PLC left in the register: it is not published.
    assertEquals(expected == Quality.BAD ? null : 751.5, reading.value());
  }
}
