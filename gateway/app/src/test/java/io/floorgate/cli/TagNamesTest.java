package io.floorgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.floorgate.config.ConfigRules;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagNamesTest {

  @ParameterizedTest(name = "{0} -> {1} | ascii {2}")
  @CsvSource(delimiter = '|', textBlock = """
      Zählerstand   | zählerstand   | zahlerstand
      炉温           | 炉温           | luwen
      Температура   | температура   | temperatura
      Zone 03.Temp  | zone-03-temp  | zone-03-temp
      TempPV        | temppv        | temppv
      ---           | node          | node
      Motor - Speed | motor-speed   | motor-speed
      """)
  void namesStayReadableOrAreTransliterated(String name, String unicode, String ascii) {
    assertEquals(unicode, new TagNames(false).level(name));
    assertEquals(ascii, new TagNames(true).level(name));
    assertEquals(null, ConfigRules.pathProblem(new TagNames(false).level(name)));
    assertEquals(null, ConfigRules.pathProblem(new TagNames(true).level(name)));
  }

  @Test
  void collidingNamesEachGetASuffixFromTheirNodeId() {
    List<String> paths = new TagNames(false).paths(
        List.of(List.of("Kiln", "Motor Speed"), List.of("Kiln", "Motor.Speed"),
            List.of("Kiln", "Value")),
        List.of("nsu=urn:a;s=M1", "nsu=urn:a;s=M2", "nsu=urn:a;s=V"));

    assertEquals(List.of("kiln/motor-speed-" + TagNames.suffix("nsu=urn:a;s=M1"),
        "kiln/motor-speed-" + TagNames.suffix("nsu=urn:a;s=M2"), "kiln/value"), paths);
    assertNotEquals(paths.get(0), paths.get(1));
    assertEquals(6, TagNames.suffix("nsu=urn:a;s=M1").length());
  }

  @Test
  void aNodeKeepsItsPathWhenTheServerListsNodesInAnotherOrder() {
    var names = new TagNames(false);
    List<String> first = names.paths(List.of(List.of("A b"), List.of("a.b"), List.of("c")),
        List.of("s=1", "s=2", "s=3"));
    List<String> reordered = names.paths(List.of(List.of("c"), List.of("a.b"), List.of("A b")),
        List.of("s=3", "s=2", "s=1"));

    assertEquals(first.get(0), reordered.get(2));
    assertEquals(first.get(1), reordered.get(1));
    assertEquals(first.get(2), reordered.get(0));
  }

  @Test
  void theSuffixIsTheStartOfTheSha256OfTheNodeId() {
    // echo -n 'nsu=urn:a;s=M1' | sha256sum
    assertEquals("9446bc", TagNames.suffix("nsu=urn:a;s=M1"));
  }
}
