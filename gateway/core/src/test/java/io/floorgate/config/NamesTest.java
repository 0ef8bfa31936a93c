package io.floorgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {

  private static final List<String> GROUP_KEYS = List.of("name", "mode", "samplingInterval",
      "publishingInterval", "queueSize", "deadband", "pollInterval", "tags");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(textBlock = """
      publishInterval,    publishingInterval
      samplinginterval,   samplingInterval
      sampling,           samplingInterval
      queuesize,          queueSize
      qeueSize,           queueSize
      tag,                tags
      nmae,               name
      dead-band,          deadband
      pollingInterval,    pollInterval
      """)
  void nearKeysAreSuggested(String typed, String suggestion) {
    assertEquals(suggestion, Names.closest(typed, GROUP_KEYS));
  }

  @ParameterizedTest
  @CsvSource({"color", "x", "interval", "endpoint"})
  void unrelatedWordsGetNoSuggestion(String typed) {
    assertNull(Names.closest(typed, GROUP_KEYS));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      rhk01/zone03/temperature  | ''
      mx01/state                | ''
      heartbeat                 | ''
      Zone03/Temp               | level 'Zone03' may only contain a-z, 0-9, '-' and '_'; write 'zone03/temp'
      rhk01/zone 03/temperature | level 'zone 03' may only contain a-z, 0-9, '-' and '_'; write 'rhk01/zone-03/temperature'
      rhk01//temperature        | has an empty level (a leading, trailing or double '/'); write 'rhk01/temperature'
      /rhk01/temperature        | has an empty level
      rhk01/temperature/        | has an empty level
      rhk01/+/temperature       | level '+' may only contain
      """)
  void tagPathLevelsAreTopicSafe(String path, String problem) {
    String found = Names.pathProblem(path);
    if (problem.isEmpty()) {
      assertNull(found);
    } else {
      assertNotNull(found, path);
      assertTrue(found.startsWith(problem), found);
    }
  }
}
