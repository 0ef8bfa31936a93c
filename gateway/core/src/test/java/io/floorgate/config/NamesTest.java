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

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(textBlock = """
      Basic256Sha265,   Basic256Sha256
      basic256sha265,   Basic256Sha256
      Basic265,         Basic256
      Basic256Sha,      Basic256Sha256
      """)
  void closestPolicyWinsOverOneItMerelyStartsWith(String typed, String suggestion) {
    assertEquals(suggestion, Names.closest(typed, List.of("None", "Basic128Rsa15", "Basic256",
        "Basic256Sha256", "Aes128_Sha256_RsaOaep", "Aes256_Sha256_RsaPss")));
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
      Zone03/Temp               | level 'Zone03' may only contain lowercase letters (of any script), digits, '-' and '_'; write 'zone03/temp'
      rhk01/zone 03/temperature | level 'zone 03' may only contain lowercase letters (of any script), digits, '-' and '_'; write 'rhk01/zone-03/temperature'
      plc/zählerstand           | ''
      炉/炉温                     | ''
      печь/температура          | ''
      plc/Zählerstand           | level 'Zählerstand' may only contain lowercase letters (of any script), digits, '-' and '_'; write 'plc/zählerstand'
      plc/zähler#1              | level 'zähler#1' may only contain
      plc/炉温+                   | level '炉温+' may only contain
      plc/a\u0007b              | level 'a\u0007b' may only contain
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

  @org.junit.jupiter.api.Test
  void aDecomposedAccentIsNotTheSameLevelAsAComposedOne() {
    String decomposed = "za\u0308hlerstand";
    assertNotNull(Names.pathProblem("plc/" + decomposed));
    assertEquals("z\u00e4hlerstand", Names.asTagLevel(decomposed));
    assertNull(Names.pathProblem("plc/" + Names.asTagLevel(decomposed)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      Zählerstand     | zählerstand
      炉温             | 炉温
      Zone 03.Temp    | zone-03-temp
      ÄÖÜ             | äöü
      a/b+c#d         | abcd
      """)
  void namesFoundElsewhereBecomeReadableLevels(String name, String level) {
    assertEquals(level, Names.asTagLevel(name));
  }
}
