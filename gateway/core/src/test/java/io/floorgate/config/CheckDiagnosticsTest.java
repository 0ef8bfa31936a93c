package io.floorgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@code check} tells an engineer beyond plain errors: root causes, examples, warnings. */
class CheckDiagnosticsTest {

  private static final String MIXER = """
      namespace: { enterprise: jxnmm, site: isohara }
      mqtt: { url: tcp://127.0.0.1:1883 }
      connections:
        - name: mx01
          endpoint: opc.tcp://127.0.0.1:4842/mx01
      %s
          groups:
            - name: drive
              tags:
                - { path: mx01/motor/current, node: 'ns=2;s=MX01.Motor.Current', unit: A }
      """;

  @Test
  void missingAreaIsAskedForWithoutAnotherPlantsExample() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse(MIXER.formatted(""), "mixer.yaml", Map.of()));

    assertEquals(List.of("mixer.yaml:4: connections.mx01.area: is missing; add area: <area name> "
        + "(the part of the plant this PLC serves, a topic level)"),
        e.errors().stream().map(ConfigError::format).toList());
  }

  @Test
  void missingAreaNamesTheAreasOfTheOtherConnections() throws Exception {
    String plant = Files.readString(PlantConfigFilesTest.CONFIG_DIR.resolve("isohara.yaml"));

    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
        plant.replaceFirst("\n    area: mixing\n", "\n"), "isohara.yaml", Map.of()));

    assertTrue(e.errors().get(0).message().startsWith("is missing; add area: <area name> (the "
        + "part of the plant this PLC serves, a topic level; the other connections name "
        + "calcination, mixing)"), e::report);
  }

  @Test
  void missingAreaIsReportedOnceWithTheAlarmRulesItLeavesUnchecked() throws Exception {
    String plant = Files.readString(PlantConfigFilesTest.CONFIG_DIR.resolve("isohara.yaml"));
    long kilnReferences = ConfigLoader.parse(plant, "isohara.yaml", Map.of()).alarms().rules()
        .stream().flatMap(r -> Stream.of(r.tag(), r.against(),
            r.suppressWhen() == null ? null : r.suppressWhen().tag(),
            r.guard() == null ? null : r.guard().tag()))
        .filter(tag -> tag != null && tag.startsWith("calcination/rhk01/")).count();

    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
        plant.replaceFirst("\n    area: calcination\n", "\n"), "isohara.yaml", Map.of()));

    assertEquals(1, e.errors().size(), e::report);
    ConfigError error = e.errors().get(0);
    assertEquals("connections.rhk01.area", error.path());
    assertTrue(error.message().endsWith("; because of it, " + kilnReferences + " references to "
        + "tags of this connection in alarm rules could not be checked (not listed)"),
        error::format);
  }

  @Test
  void alarmRuleOnATagThatDoesNotExistIsStillAnErrorBesideAMissingArea() throws Exception {
    String plant = Files.readString(PlantConfigFilesTest.CONFIG_DIR.resolve("isohara.yaml"));
    String broken = plant.replaceFirst("\n    area: calcination\n", "\n")
        .replace("  rules:\n", "  rules:\n    - { tag: calcination/rhk01/zone99/temperature, "
            + "type: hi, limit: 1 }\n");

    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse(broken, "isohara.yaml", Map.of()));

    assertEquals(2, e.errors().size(), e::report);
    assertTrue(e.errors().get(1).message().startsWith("no tag "
        + "'calcination/rhk01/zone99/temperature' is configured"), e::report);
  }

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource(delimiter = '|', textBlock = """
      C  | mx01/bearing/temperature | ''                         | unit C is coulomb (an electric charge), but the tag's path or description says a temperature; for degrees Celsius write °C or Cel
      F  | mx01/bearing/temp        | ''                         | unit F is farad (a capacitance), but the tag's path or description says a temperature; for degrees Fahrenheit write °F
      A  | mx01/bearing/value       | Bearing temperature, TC 3  | unit A is ampere (a current), but the tag's path or description says a temperature; write °C (or Cel), K or °F
      mA | mx01/hydraulic/pressure  | ''                         | unit mA is mA (a current), but the tag's path or description says a pressure; write Pa, kPa, bar or mbar
      """)
  void unitOfAnotherQuantityThanTheTagSaysIsAWarning(String unit, String path,
      String description, String warning) throws ConfigException {
    String tag = "{ path: %s, node: 'ns=2;s=X', unit: %s, description: '%s' }"
        .formatted(path, unit, description);
    ConfigLoader.Checked checked = ConfigLoader.read(MIXER.formatted("    area: mixing")
        .replaceFirst("\\{ path: mx01/motor/current.*}", tag), "mixer.yaml", Map.of(),
        ConfigLoader.NO_BASES);

    assertEquals(List.of("mixer.yaml:10: connections.mx01.groups.drive.tags." + path
        + ".unit: warning: " + warning), checked.warningLines());
  }

  @ParameterizedTest
  @CsvSource({"°C, mx01/bearing/temperature", "Cel, mx01/bearing/temperature",
      "K, rhk01/zone01/tc", "bar, mx01/hydraulic/pressure", "A, mx01/motor/current"})
  void unitThatAgreesWithTheTagIsNoWarning(String unit, String path) throws ConfigException {
    ConfigLoader.Checked checked = ConfigLoader.read(MIXER.formatted("    area: mixing")
        .replace("{ path: mx01/motor/current, node: 'ns=2;s=MX01.Motor.Current', unit: A }",
            "{ path: " + path + ", node: 'ns=2;s=X', unit: '" + unit + "' }"),
        "mixer.yaml", Map.of(), ConfigLoader.NO_BASES);

    assertEquals(List.of(), checked.warningLines());
  }

  @Test
  void templateWithAWrongUnitWarnsOnceForItsLine() throws ConfigException {
    ConfigLoader.Checked checked = ConfigLoader.read(MIXER.formatted("    area: mixing")
        .replace("{ path: mx01/motor/current, node: 'ns=2;s=MX01.Motor.Current', unit: A }",
            "{ path: 'mx01/zone{z}/temperature', node: 'ns=2;s=Z{z}', unit: C, "
                + "for: { z: [1, 2, 3] } }"),
        "mixer.yaml", Map.of(), ConfigLoader.NO_BASES);

    assertEquals(1, checked.warnings().size(), checked.warningLines()::toString);
    assertTrue(checked.warningLines().get(0).endsWith("(the same for 2 more from this line, "
        + "e.g. connections.mx01.groups.drive.tags.mx01/zone2/temperature.unit)"),
        checked.warningLines()::toString);
  }

  @Test
  void shippedPlantHasNoUnitWarnings() throws ConfigException {
    ConfigLoader.Checked checked =
        ConfigLoader.check(PlantConfigFilesTest.CONFIG_DIR.resolve("isohara.yaml"), Map.of());

    assertFalse(checked.config().connections().isEmpty());
    assertEquals(List.of(), checked.warningLines());
  }
}
