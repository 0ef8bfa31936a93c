package io.floorgate.cli;

import static io.floorgate.cli.CheckCommandTest.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.cli.CheckCommandTest.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code import-tags} as a controls engineer uses it: a spreadsheet export in, a groups: block
 * out that {@code check} accepts once pasted into a connection, or every bad row with its line.
 */
class ImportTagsCommandTest {

  /** The kiln's register list as a spreadsheet exports it, node ids of the simulated PLC. */
  private static final String KILN_CSV = """
      path,node,unit,description,scaleRawLow,scaleRawHigh,scaleLow,scaleHigh,\
      rangeLow,rangeHigh,writable,type
      rhk01/zone03/temperature,ns=2;s=RHK01.Zone03.TempPV,°C,"Zone 03: control TC #1",,,,,0,1100,,
      rhk01/zone03/setpoint,ns=2;s=RHK01.Zone03.TempSP,°C,Zone 03 setpoint,,,,,0,1100,TRUE,double
      rhk01/cooling-water/flow,ns=2;s=RHK01.CoolingWater_raw,l/min,*Analog input*,0,27648,0,400,,,,
      rhk01/o2,ns=2;s=RHK01.O2_pct,%,[O2] {dry},,,,,,,,
      """;

  @Test
  void opcUaTagListBecomesAGroupThatCheckAccepts(@TempDir Path dir) throws Exception {
    Path csv = write(dir.resolve("kiln.csv"), KILN_CSV);
    Path block = dir.resolve("kiln-tags.yaml");

    Outcome imported = execute("import-tags", "--driver", "opcua", csv.toString(),
        "--out", block.toString(), "--group", "zones", "--interval", "250ms");

    assertEquals(0, imported.exitCode(), imported.err());
    String yaml = Files.readString(block);
    assertTrue(yaml.startsWith("# 4 tags imported from kiln.csv"), yaml);
    Path config = write(dir.resolve("plant.yaml"), plantConfig(yaml));
    Outcome checked = execute("check", "--config", config.toString());
    assertEquals(0, checked.exitCode(), checked.err() + "\n" + Files.readString(config));
    assertTrue(checked.out().contains("4 tags"), checked.out());
  }

  @Test
  void semicolonSeparatedExportWithByteOrderMarkAndDecimalCommasIsRead(@TempDir Path dir)
      throws Exception {
    // Excel in most of Europe: ';' between values, a decimal comma, "CSV UTF-8" with a BOM,
    // CRLF line ends, values holding ';' quoted, and its own capitalisation of the header.
    String european = "\uFEFFNode;PATH;Unit;ScaleRawLow;ScaleRawHigh;ScaleLow;ScaleHigh;"
        + "Deadband\r\n"
        + "\"ns=2;s=RHK01.CoolingWater_raw\";rhk01/cooling-water/flow;l/min;0;27648;0;"
        + "402,5;0,5\r\n"
        + ";;;;;;;\r\n";
    Path csv = write(dir.resolve("kühlwasser.csv"), european);

    Outcome imported = execute("import-tags", "--driver", "opcua", csv.toString(),
        "--mode", "polling");

    assertEquals(0, imported.exitCode(), imported.err());
    Map<String, Object> tag = onlyTag(imported.out());
    assertEquals("rhk01/cooling-water/flow", tag.get("path"));
    assertEquals("ns=2;s=RHK01.CoolingWater_raw", tag.get("node"));
    assertEquals(Map.of("rawLow", 0, "rawHigh", 27648, "low", 0, "high", 402.5),
        tag.get("scale"));
    assertEquals(Map.of("type", "absolute", "value", 0.5), tag.get("deadband"));
    Path config = write(dir.resolve("plant.yaml"), plantConfig(imported.out()));
    Outcome checked = execute("check", "--config", config.toString());
    assertEquals(0, checked.exitCode(), checked.err());
  }

  @Test
  void everyBadRowIsReportedWithItsLineAndNothingIsWritten(@TempDir Path dir) throws Exception {
    Path csv = write(dir.resolve("kiln.csv"), """
        path,node,uint,scaleRawLow,scaleRawHigh,scaleLow,scaleHigh,writable
        RHK01/Zone 3/Temperature,ns=2;s=RHK01.Zone03.TempPV,,,,,,
        rhk01/zone03/setpoint,ns=2;s=RHK01.Zone03.TempSP,,,,,,
        rhk01/zone03/setpoint,ns=2;s=RHK01.Zone03.TempSP,,,,,,
        ,ns=2;s=RHK01.Zone04.TempPV,,,,,,
        rhk01/flow,ns=2;s=RHK01.CoolingWater_raw,,0,27 648,0,400,
        rhk01/o2,ns=2;s=RHK01.O2_pct,,,,,,true
        """);
    Path out = dir.resolve("never.yaml");

    Outcome outcome = execute("import-tags", "--driver", "opcua", csv.toString(),
        "--out", out.toString());

    assertEquals(1, outcome.exitCode());
    assertFalse(Files.exists(out), "nothing is written when a row is wrong");
    String report = outcome.err();
    assertTrue(report.contains("6 errors; nothing written"), report);
    assertTrue(report.contains("kiln.csv:1: header: unknown column 'uint'; did you mean 'unit'?"),
        report);
    assertTrue(report.contains("kiln.csv:2: path: level 'RHK01' may only contain lowercase "
        + "letters (of any script), digits, '-' and '_'; write 'rhk01/zone-3/temperature'"),
        report);
    assertTrue(report.contains("kiln.csv:4: path: 'rhk01/zone03/setpoint' is already the path "
        + "of the tag on line 3"), report);
    assertTrue(report.contains("kiln.csv:5: path: is empty"), report);
    assertTrue(report.contains("kiln.csv:6: scaleRawHigh: '27 648' is not a number"), report);
    // The loader's own rule, reported against the row and column it came from.
    assertTrue(report.contains("kiln.csv:7: type: is missing; a writable tag needs"), report);
  }

  @Test
  void modbusRegisterMapBecomesTheDriversTagKeys(@TempDir Path dir) throws Exception {
    Path csv = write(dir.resolve("mixer.csv"), """
        path,address,dataType,order,unitId,bit,unit,description,deadband
        mx01/speed, HR:100 ,Float32,cdab,1,,rpm,Mixer speed,0.5
        mx01/running,co:0,BOOL,,1,,,Drive running,
        mx01/faults/overload,40101,uint16,,2,3,,Fault word bit 3,
        """);

    Outcome outcome = execute("import-tags", "--driver", "modbus", csv.toString(),
        "--group", "mixer", "--interval", "500ms");

    assertEquals(0, outcome.exitCode(), outcome.err());
    Map<String, Object> group = onlyGroup(outcome.out());
    assertEquals("mixer", group.get("name"));
    assertEquals("polling", group.get("mode"));
    assertEquals("500ms", group.get("pollInterval"));
    List<?> tags = (List<?>) group.get("tags");
    assertEquals(Map.of("path", "mx01/speed", "address", "hr:100", "dataType", "float32",
        "order", "CDAB", "unitId", 1, "unit", "rpm", "description", "Mixer speed",
        "deadband", Map.of("type", "absolute", "value", 0.5)), tags.get(0));
    assertEquals(Map.of("path", "mx01/running", "address", "co:0", "dataType", "bool",
        "unitId", 1, "description", "Drive running"), tags.get(1));
    assertEquals(Map.of("path", "mx01/faults/overload", "address", "40101", "dataType",
        "bit(3)", "unitId", 2, "description", "Fault word bit 3"), tags.get(2));
    Path config = write(dir.resolve("plant.yaml"), plantConfig(outcome.out(), "mixer",
        "modbus+tcp://127.0.0.1:5020"));
    Outcome checked = execute("check", "--config", config.toString());
    assertEquals(0, checked.exitCode(), checked.err() + "\n" + Files.readString(config));
    assertTrue(checked.out().contains("3 tags"), checked.out());
  }

  @Test
  void modbusValuesOutsideTheContractAreReportedWithTheirLine(@TempDir Path dir)
      throws Exception {
    Path csv = write(dir.resolve("mixer.csv"), """
        path,address,dataType,order,unitId,bit
        mx01/speed,hr:70000,float,XYZW,300,16
        """);

    Outcome outcome = execute("import-tags", "--driver", "modbus", csv.toString());

    assertEquals(1, outcome.exitCode());
    String report = outcome.err();
    for (String column : List.of("address", "dataType", "order", "unitId", "bit")) {
      assertTrue(report.contains("mixer.csv:2: " + column + ": "), column + ":\n" + report);
    }
  }

  @Test
  void modbusIsPolledNotSubscribed(@TempDir Path dir) throws Exception {
    Path csv = write(dir.resolve("mixer.csv"), "path,address\nmx01/speed,hr:100\n");

    Outcome outcome = execute("import-tags", "--driver", "modbus", csv.toString(),
        "--mode", "subscription");

    assertEquals(2, outcome.exitCode());
    assertTrue(outcome.err().contains("--mode polling"), outcome.err());
  }

  @Test
  void helpListsTheColumnsAndAnExample() {
    Outcome outcome = execute("import-tags", "--help");

    assertEquals(0, outcome.exitCode(), outcome.err());
    assertTrue(outcome.out().contains("path,node,unit,description,scaleRawLow"), outcome.out());
    assertTrue(outcome.out().contains("path,address,dataType,order,unitId,bit"), outcome.out());
    assertTrue(outcome.out().contains("floorgate import-tags --driver opcua kiln-tags.csv"),
        outcome.out());
  }

  /** A whole configuration: the imported block pasted into the simulated kiln's connection. */
  private static String plantConfig(String block) {
    return plantConfig(block, "rhk01", "opc.tcp://127.0.0.1:4841/rhk01");
  }

  /** The imported block pasted into a connection of the given endpoint. */
  private static String plantConfig(String block, String name, String endpoint) {
    return """
        namespace:
          enterprise: jxnmm
          site: isohara
        mqtt:
          url: tcp://127.0.0.1:1883
        connections:
          - name: %s
            endpoint: %s
            area: calcination
        """.formatted(name, endpoint) + block.indent(4);
  }

  private static Map<String, Object> onlyGroup(String yaml) {
    Map<String, Object> root = new Yaml().load(yaml);
    List<?> groups = (List<?>) root.get("groups");
    assertEquals(1, groups.size(), yaml);
    @SuppressWarnings("unchecked")
    Map<String, Object> group = (Map<String, Object>) groups.get(0);
    return group;
  }

  private static Map<String, Object> onlyTag(String yaml) {
    List<?> tags = (List<?>) onlyGroup(yaml).get("tags");
    assertEquals(1, tags.size(), yaml);
    @SuppressWarnings("unchecked")
    Map<String, Object> tag = (Map<String, Object>) tags.get(0);
    return tag;
  }

  private static Path write(Path file, String text) throws Exception {
    return Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
