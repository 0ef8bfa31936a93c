package io.floorgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.LoadPlant;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code check} and {@code run} as an engineer sees them: exit codes and the printed errors. */
class CheckCommandTest {

  /** The repository's config/ folder; Maven runs tests with the module as working directory. */
  static final Path CONFIG_DIR = Path.of("..", "..", "config");

  record Outcome(int exitCode, String out, String err) {}

  static Outcome execute(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new CommandLine(new FloorgateCli())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
    return new Outcome(code, out.toString(), err.toString());
  }

  @Test
  void plantConfigurationShippedInTheRepositoryIsValid() {
    Outcome outcome = execute("check", "--config", CONFIG_DIR.resolve("isohara.yaml").toString());

    assertEquals(0, outcome.exitCode(), outcome.err());
    assertTrue(outcome.out().contains("OK"), outcome.out());
  }

  @Test
  void demoConfigurationShippedInTheRepositoryIsValid() {
    Outcome outcome = execute("check", "--config", CONFIG_DIR.resolve("demo.yaml").toString());

    assertEquals(0, outcome.exitCode(), outcome.err());
  }

  @Test
  void brokenFileListsEveryErrorWithItsLineAndExitsOne(@TempDir Path dir) throws Exception {
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, """
        namespace:
          enterprise: jxnmm
          site: isohara
        mqtt:
          url: tcp://127.0.0.1:1883
          qos: 7
        connections:
          - name: rhk01
            endpoint: opc.tcp://127.0.0.1:4841/rhk01
            area: calcination
            groups:
              - name: zones
                publishingInterval: 5ms
                tags:
                  - path: rhk01/Zone 3/temperature
                    node: ns=2;s=RHK01.Zone03.TempPV
                    colour: red
        """);

    Outcome outcome = execute("check", "--config", broken.toString());

    assertEquals(1, outcome.exitCode());
    String report = outcome.err();
    assertTrue(report.contains(":6:"), "qos error on line 6:\n" + report);
    assertTrue(report.contains(":13:"), "interval error on line 13:\n" + report);
    assertTrue(report.contains(":15:"), "path error on line 15:\n" + report);
    assertTrue(report.contains(":17:"), "unknown key on line 17:\n" + report);
    assertTrue(report.contains("colour"), report);
  }

  @Test
  void unitOfAnotherQuantityIsAWarningAndTheFileStillPasses(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("coulomb.yaml");
    Files.writeString(file, """
        namespace: { enterprise: jxnmm, site: isohara }
        mqtt: { url: tcp://127.0.0.1:1883 }
        connections:
          - name: mx01
            endpoint: opc.tcp://127.0.0.1:4842/mx01
            area: mixing
            groups:
              - name: drive
                tags:
                  - { path: mx01/bearing/temperature, node: 'ns=2;s=MX01.Bearing', unit: C }
        """);

    Outcome outcome = execute("check", "--config", file.toString());

    assertEquals(0, outcome.exitCode(), outcome.err());
    assertTrue(outcome.err().contains(":10: connections.mx01.groups.drive.tags."
        + "mx01/bearing/temperature.unit: warning: unit C is coulomb (an electric charge)"),
        outcome.err());
    assertTrue(outcome.out().contains("OK"), outcome.out());
  }

  @Test
  void missingFileSaysWhatToPass(@TempDir Path dir) {
    Outcome outcome = execute("check", "--config", dir.resolve("nope.yaml").toString());

    assertEquals(1, outcome.exitCode());
    assertTrue(outcome.err().contains("--config"), outcome.err());
  }

  @Test
  void runRefusesAnInvalidConfigWithoutStarting(@TempDir Path dir) throws Exception {
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, "namespace: [unclosed\n");

    Outcome outcome = execute("run", "--config", broken.toString());

    assertEquals(1, outcome.exitCode());
    assertTrue(outcome.err().contains("Not started"), outcome.err());
  }

  static Path plantOf(Path dir, int tags) throws Exception {
    return Files.writeString(dir.resolve("plant-" + tags + ".yaml"), LoadPlant.yaml(tags));
  }

  @Test
  void heapPrintsOnlyTheHeapTheConfigurationNeedsForTheLauncher(@TempDir Path dir) throws Exception {
    Outcome small = execute("check", "--heap", "--config",
        CONFIG_DIR.resolve("isohara.yaml").toString());
    Outcome large = execute("check", "--heap", "--config", plantOf(dir, 40_000).toString());

    assertEquals(0, small.exitCode(), small.err());
    assertEquals("80m", small.out().strip(), "the launcher's default for a plant of 112 tags");
    assertEquals(0, large.exitCode(), large.err());
    assertTrue(large.out().strip().matches("\\d+m"), large.out());
    int mb = Integer.parseInt(large.out().strip().replace("m", ""));
    assertTrue(mb > 80 && mb < 256, "40,000 tags: " + mb + "m");

    Outcome plain = execute("check", "--config", plantOf(dir, 40_000).toString());
    assertTrue(plain.out().contains("heap: " + mb + "m for 40000 tags"), plain.out());
  }

  @Test
  void heapOfABrokenFilePrintsNothingOnStandardOutput(@TempDir Path dir) throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.yaml"), "namespace: [unclosed\n");

    Outcome outcome = execute("check", "--heap", "--config", broken.toString());

    assertEquals(1, outcome.exitCode());
    assertEquals("", outcome.out(), "the launcher then keeps its default");
    assertTrue(outcome.err().contains("broken.yaml"), outcome.err());
  }
}
