package io.floorgate.cli;

import io.floorgate.config.ConfigRules;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code import-tags --driver opcua|modbus FILE.csv}: a register map or node list kept in a
 * spreadsheet becomes the YAML {@code groups:} block of a connection, which {@code check}
 * accepts. Every bad row is reported with its line, and then nothing is written.
 */
@Command(name = "import-tags",
    description = {
        "Turn a tag list exported from a spreadsheet (CSV) into the YAML groups:",
        "block of a connection: one group of the tags, to paste into the",
        "connection; `check` accepts it. Every bad row is listed with its line and",
        "what to fix, and then nothing is written.",
        "",
        "The first line names the columns, in any order and any case. Values are",
        "separated by ',' or ';' (found from the first line; with ';' a decimal",
        "comma is read too); UTF-8, with or without BOM. A value that contains the",
        "separator is quoted: \"ns=2;s=A.B\".",
        "",
        "Columns (path and node, or path and address, are required):",
        "  opcua:   path,node,unit,description,scaleRawLow,scaleRawHigh,scaleLow,",
        "           scaleHigh,rangeLow,rangeHigh,deadband,writable,type",
        "  modbus:  path,address,dataType,order,unitId,bit,unit,description,",
        "           scaleRawLow,scaleRawHigh,scaleLow,scaleHigh,rangeLow,rangeHigh,",
        "           deadband,writable,type",
        "",
        "  path         below the area: levels of a-z 0-9 - _ separated by '/'",
        "  node         OPC UA node id, e.g. ns=2;s=RHK01.Zone03.TempPV",
        "  address      hr:100, ir:3, co:0, di:7 (offset from 0) or Modicon 40101",
        "  dataType     bool, int16, uint16, int32, uint32, int64, uint64, float32,",
        "               float64, string",
        "  order        order of multi-register values: ABCD, CDAB, BADC, DCBA",
        "  unitId, bit  Modbus unit id (0-255); bit of a register (0-15)",
        "  unit         the unit published, e.g. °C, kg/h, %%",
        "  scale…       raw counts to engineering values: all four or none",
        "  range…       low and high: writable numbers and %% deadbands need them",
        "  deadband     0.5 (in the unit) or 2%% (of the range); polling groups only",
        "  writable     true or false (also yes/no, x, 1/0; empty is false)",
        "  type         of a writable tag: boolean, int16, int32, int64, float,",
        "               double, string",
        ""},
    footerHeading = "%nExample, kiln-tags.csv:%n",
    footer = {
        "  path,node,unit,description,scaleRawLow,scaleRawHigh,scaleLow,scaleHigh",
        "  rhk01/zone03/temperature,ns=2;s=RHK01.Zone03.TempPV,°C,Zone 03,,,,",
        "  rhk01/feed/rate,ns=2;s=RHK01.Feed.Raw,kg/h,Feed rate,0,27648,0,1500",
        "",
        "  floorgate import-tags --driver opcua kiln-tags.csv --group zones \\",
        "      --interval 1s --out kiln-tags.yaml",
        "",
        "Exit codes: 0 written, 1 errors in the file (listed; nothing written),",
        "2 usage error."})
final class ImportTagsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE.csv", description = "The tag list, one tag per line.")
  Path file;

  @Option(names = "--driver", required = true, paramLabel = "opcua|modbus",
      description = "The connection's driver; it decides the address columns.")
  String driver;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the YAML here (default: "
      + "standard output).")
  @Nullable Path out;

  @Option(names = "--group", defaultValue = "imported",
      description = "The group's name (default ${DEFAULT-VALUE}).")
  String group;

  @Option(names = "--mode", paramLabel = "subscription|polling", description = "How the "
      + "group is read (default: subscription for opcua, polling for modbus).")
  @Nullable String mode;

  @Option(names = "--interval", paramLabel = "DURATION", description = "How often values are "
      + "read, e.g. 1s: pollInterval when polling, samplingInterval and publishingInterval of a "
      + "subscription (default: the gateway's).")
  @Nullable String interval;

  @Override
  public Integer call() throws IOException {
    TagColumns columns = TagColumns.named(driver);
    if (columns == null) {
      return usage("--driver " + driver + " is not opcua or modbus");
    }
    String how = mode == null ? (columns == TagColumns.MODBUS ? "polling" : "subscription")
        : mode.strip().toLowerCase(Locale.ROOT);
    if (!how.equals("subscription") && !how.equals("polling")) {
      return usage("--mode " + mode + " is not subscription or polling");
    }
    if (columns == TagColumns.MODBUS && how.equals("subscription")) {
      return usage("--mode subscription: a Modbus device cannot report changes, the gateway "
          + "polls it; leave --mode out or give --mode polling");
    }
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(file)) {
      err.println(file + ": no such file; give the CSV file exported from the spreadsheet");
      err.flush();
      return 1;
    }

    ImportProblems problems = new ImportProblems(file.toString());
    TagBlock block = new TagBlock(columns, group.strip(), how,
        interval == null ? null : interval.strip(), tags(columns, problems));
    if (!block.isEmpty()) {
      block.check(System.getenv(), problems);
    }
    if (problems.any()) {
      err.println(problems.report());
      err.flush();
      return 1;
    }

    String yaml = block.yaml(file.getFileName().toString());
    PrintWriter o = spec.commandLine().getOut();
    if (out == null) {
      o.print(yaml);
    } else {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(out, yaml, StandardCharsets.UTF_8);
      o.printf("Wrote %s: %d tags in group %s. Paste it into the %s connection, then run "
          + "floorgate check%n", out, block.size(), group.strip(), columns.driver());
    }
    o.flush();
    return 0;
  }

  private int usage(String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(message + " (floorgate import-tags --help lists the options)");
    err.flush();
    return 2;
  }

  /** The file's rows as tags; a row with a problem is reported and left out. */
  private List<TagBlock.Tag> tags(TagColumns columns, ImportProblems problems) {
    List<CsvRow> rows = CsvTable.read(file, columns.columns(), columns.required(), problems);
    if (rows == null) {
      return List.of();
    }
    List<TagBlock.Tag> tags = new ArrayList<>();
    Map<String, Integer> paths = new HashMap<>();
    for (CsvRow row : rows) {
      int before = problems.count();
      String path = row.required("path", "rhk01/zone03/temperature");
      if (path != null) {
        String problem = ConfigRules.pathProblem(path);
        Integer first = problem == null ? paths.putIfAbsent(path, row.line()) : null;
        if (problem != null) {
          row.error("path", problem);
        } else if (first != null) {
          row.error("path", "'" + path + "' is already the path of the tag on line " + first
              + "; give every tag its own path");
        }
      }
      var keys = columns.tag(row, path == null ? "" : path);
      if (problems.count() == before && path != null) {
        tags.add(new TagBlock.Tag(row.line(), path, keys));
      }
    }
    return tags;
  }
}
