package io.floorgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.alarm.Alarm;
import io.floorgate.ops.ConfigWatcher;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page in a real browser: the simulator and a gateway on free ports, then
 * {@code src/test/browser/status-page.mjs} (playwright-core driving Debian's headless Chromium;
 * installed by .ci/run) reads it at 1280 and 1024 px as an operator would: no horizontal
 * scrolling, every field filled, alarms by priority, Ack and "Acknowledge selected" through the
 * real API — or no command at all when the API has no token.
 *
 * <p>With {@code -Dfloorgate.screenshots=<dir>} it saves {@code status-1280.png} and
 * {@code status-1024.png} there (the README's and the docs' are {@code docs/images/}).
 */
@Timeout(240)
class StatusPageIT {

  static final Path BROWSER_PROJECT = Path.of("src", "test", "browser");
  /** The standing alarms, most urgent first, as the page must list them. */
  static final List<String> BY_PRIORITY = List.of("calcination.rhk01.zone04.temperature.hihi",
      "calcination.rhk01.zone03.temperature.hi", "calcination.rhk01.zone05.temperature.hi",
      "calcination.rhk01.zone01.temperature.hi");

  static SimulatedPlant plant;

  @TempDir
  Path dir;

  @BeforeAll
  static void startPlant() throws Exception {
    plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 11, 0, 1.0));
  }

  @AfterAll
  static void stopPlant() throws Exception {
    plant.close();
  }

  OpsPlant config(String token) throws Exception {
    // Zone 03 runs near 500 °C: a HI limit of 300 °C keeps its alarm standing, unacknowledged.
    return new OpsPlant(plant, dir, "status-" + UUID.randomUUID().toString().substring(0, 8),
        token, "/ops/status-page.yaml").write(false, "300");
  }

  /** Runs the browser script against the gateway; fails with its output unless it exits 0. */
  void browse(Floorgate gateway, String token, String screenshots, String configFile,
      List<String> standing) throws Exception {
    assertTrue(Files.isDirectory(BROWSER_PROJECT.resolve("node_modules/playwright-core")),
        "playwright-core is not installed in " + BROWSER_PROJECT + ": run bash .ci/run (or npm ci "
            + "there)");
    File log = dir.resolve("browser.log").toFile();
    Process node = new ProcessBuilder(List.of("node", "status-page.mjs",
        "http://127.0.0.1:" + gateway.api().port(), token,
        standing.isEmpty() ? "-" : String.join(",", standing),
        screenshots, configFile))
        .directory(BROWSER_PROJECT.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log)
        .start();
    boolean ended = node.waitFor(180, TimeUnit.SECONDS);
    if (!ended) {
      node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    String output = Files.readString(log.toPath());
    System.out.println(output);
    assertTrue(ended, "the browser test did not finish in 180 s:\n" + output);
    assertEquals(0, node.exitValue(), "the browser test failed:\n" + output);
  }

  @Test
  void anOperatorReadsThePageAndAcknowledgesOneAlarmThenASelectionOfTwo() throws Exception {
    String token = "status-page-" + UUID.randomUUID();
    OpsPlant config = config(token);
    String screenshots = System.getProperty("floorgate.screenshots", "-");
    if (!screenshots.equals("-")) {
      Files.createDirectories(Path.of(screenshots));
    }
    try (Floorgate gateway = Floorgate.start(config.load());
        ConfigWatcher watcher = new ConfigWatcher(config.file, config.env, gateway::reload,
            gateway.operations()).start(false)) {
      browse(gateway, token, screenshots, config.file.toAbsolutePath().toString(), BY_PRIORITY);
      for (String id : BY_PRIORITY.subList(0, 3)) {
        Alarm alarm = gateway.alarms().alarm(id);
        assertEquals("ACKED", alarm.state().name(), id);
        assertEquals("ci operator", alarm.ackedBy(), id);
      }
      assertEquals("UNACKED", gateway.alarms().alarm(BY_PRIORITY.get(3)).state().name());
    }
  }

  @Test
  void withNoAlarmStandingTheAlarmTableSaysNone() throws Exception {
    String token = "status-page-" + UUID.randomUUID();
    OpsPlant config = config(token);
    Files.writeString(config.file, Files.readString(config.file)
        .replaceAll("limit: \\d+", "limit: 1090"));
    try (Floorgate gateway = Floorgate.start(config.load())) {
      browse(gateway, token, "-", "-", List.of());
      for (String id : BY_PRIORITY) {
        assertEquals("NORMAL", gateway.alarms().alarm(id).state().name(), id);
      }
    }
  }

  @Test
  void withoutAnApiTokenThePageOffersNoCommand() throws Exception {
    OpsPlant config = config("unused");
    Files.writeString(config.file, Files.readString(config.file)
        .replace("  token: ${OPS_TOKEN}\n", ""));
    try (Floorgate gateway = Floorgate.start(config.load())) {
      browse(gateway, "-", "-", "-", BY_PRIORITY);
      for (String id : BY_PRIORITY) {
        assertEquals("UNACKED", gateway.alarms().alarm(id).state().name(), id);
      }
    }
  }
}
