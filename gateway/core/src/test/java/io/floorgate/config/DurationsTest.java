package io.floorgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

  @ParameterizedTest(name = "{0} = {1} ms")
  @CsvSource(delimiter = '|', textBlock = """
      250ms   | 250
      1s      | 1000
      5m      | 300000
      5min    | 300000
      1h      | 3600000
      1.5s    | 1500
      0.25s   | 250
      '10 ms' | 10
      ' 2S '  | 2000
      0ms     | 0
      14d     | 1209600000
      """)
  void durationsWithAUnitAreParsed(String text, long millis) {
    assertEquals(Duration.ofMillis(millis), Durations.parse(text));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      250      | 250 has no unit; write 250ms or 250s
      1.5      | 1.5 has no unit; write 1.5ms or 1.5s
      5sec     | 'sec' in '5sec' is not a unit of time here; use ms, s, m, h or d
      1w       | 'w' in '1w' is not a unit of time here
      -1s      | -1s is negative; durations are positive
      fast     | 'fast' is not a duration; write a number and a unit (ms, s, m, h, d)
      ''       | '' is not a duration
      PT1S     | 'PT1S' is not a duration
      """)
  void malformedDurationsSayHowToWriteThem(String text, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @ParameterizedTest(name = "{0} ms as {1}")
  @CsvSource(delimiter = '|', textBlock = """
      250     | 250ms
      1000    | 1s
      1500    | 1500ms
      300000  | 5m
      90000   | 90s
      3600000 | 1h
      0       | 0ms
      """)
  void durationsAreWrittenInTheLargestExactUnit(long millis, String text) {
    assertEquals(text, Durations.format(Duration.ofMillis(millis)));
  }
}
