package io.floorgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A group's tag list without repetition: defaults for every tag, and one tag for many. */
class TagTemplatesTest {

  static GroupConfig group(String groupYaml) throws ConfigException {
    String yaml = """
        namespace: { enterprise: jxnmm, site: isohara }
        mqtt: { url: tcp://127.0.0.1:1883 }
        connections:
          - name: rhk01
            endpoint: opc.tcp://127.0.0.1:4841/rhk01
            area: calcination
            groups:
        """ + groupYaml.indent(6);
    return ConfigLoader.parse(yaml, "test.yaml", Map.of()).connections().get(0).groups().get(0);
  }

  @Test
  void aTagWithAListOfItemsStandsForOneTagPerItemWithTheGroupsDefaults() throws Exception {
    GroupConfig zones = group("""
        - name: zones
          tagDefaults:
            unit: °C
            range: { low: 0, high: 1100 }
            description: Zone {zone} ({stage}) temperature
          tags:
            - path: rhk01/zone{zone}/temperature
              node: ns=2;s=RHK01.Zone{zone}.TempPV
              for:
                - { zone: "01", stage: preheat }
                - { zone: "05", stage: soak }
            - path: rhk01/o2
              node: ns=2;s=RHK01.O2_pct
              unit: "%"
              range: { low: 0, high: 100 }
              description: Kiln O2
        """);

    List<TagConfig> tags = zones.tags();
    assertEquals(List.of("rhk01/zone01/temperature", "rhk01/zone05/temperature", "rhk01/o2"),
        tags.stream().map(TagConfig::path).toList());
    assertEquals("ns=2;s=RHK01.Zone05.TempPV", tags.get(1).node());
    assertEquals("Zone 05 (soak) temperature", tags.get(1).description());
    assertEquals("°C", tags.get(0).unit());
    assertEquals(1100.0, tags.get(0).range().high());
    assertEquals("%", tags.get(2).unit(), "a tag's own key wins over the default");
    assertEquals("Kiln O2", tags.get(2).description());
  }

  @Test
  void oneVariableAndItsValuesIsTheShortForm() throws Exception {
    GroupConfig tcs = group("""
        - name: thermocouples
          tags:
            - path: rhk01/zone03/tc-{tc}
              node: ns=2;s=RHK01.Zone03.TC_{TC}
              unit: °C
              for: { tc: [a, b] }
        """.replace("{TC}", "{tc}"));

    assertEquals(List.of("ns=2;s=RHK01.Zone03.TC_a", "ns=2;s=RHK01.Zone03.TC_b"),
        tcs.tags().stream().map(TagConfig::node).toList());
  }

  @Test
  void aMistakeInATemplatedTagIsReportedOnceAtTheTemplatesLineWithHowManyTagsItConcerns() {
    ConfigException e = assertThrows(ConfigException.class, () -> group("""
        - name: zones
          tagDefaults:
            unit: degrees
          tags:
            - path: rhk01/zone{zone}/temperature
              node: ns=2;s=RHK01.Zone{zone}.TempPV
              for: { zone: ["01", "02"] }
        """));

    List<ConfigError> errors = e.errors();
    assertEquals(1, errors.size(), e::report);
    assertEquals(10, errors.get(0).line(), e::report);
    assertTrue(errors.get(0).message().startsWith("unknown unit 'degrees'"), e::report);
    assertTrue(errors.get(0).message().endsWith("(the same for 1 more from this line, "
        + "connections.rhk01.groups.zones.tags.rhk01/zone02/temperature.unit)"), e::report);
  }

  @Test
  void aForThatIsNotAListOfItemsSaysHowToWriteIt() {
    ConfigException e = assertThrows(ConfigException.class, () -> group("""
        - name: zones
          tags:
            - path: rhk01/zone{zone}/temperature
              node: ns=2;s=RHK01.Zone{zone}.TempPV
              for: "01"
        """));

    assertTrue(e.errors().get(0).message().contains("write for: { zone: [\"01\", \"02\"] }"),
        e::report);
    assertEquals(12, e.errors().get(0).line(), e::report);
  }
}
