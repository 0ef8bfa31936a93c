package io.floorgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page in a real browser: the simulator and a gateway on free ports, then
 * {@code src/test/browser/status-page.mjs} (playwright-core driving Debian's headless Chromium;
 * installed by .ci/run) checks that the page shows the plant live and that its Ack button
 * acknowledges an alarm.
 */
@Timeout(240)
class StatusPageIT {

  static final Path BROWSER_PROJECT = Path.of("src", "test", "browser");
  static final String HI = "calcination.rhk01.zone03.temperature.hi";

  @TempDir
  Path dir;

  @Test
  void thePageShowsThePlantLiveAndAcknowledgesAnAlarm() throws Exception {
    assertTrue(Files.isDirectory(BROWSER_PROJECT.resolve("node_modules/playwright-core")),
        "playwright-core is not installed in " + BROWSER_PROJECT + ": run bash .ci/run (or npm ci "
            + "there)");
    String token = "status-page-" + UUID.randomUUID();
    try (SimulatedPlant plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 11, 0, 1.0))) {
      // Zone 03 runs near 500 °C: a HI limit of 300 °C keeps its alarm standing, unacknowledged.
      OpsPlant config = new OpsPlant(plant, dir, "status-" + UUID.randomUUID().toString()
          .substring(0, 8), token).write(false, "300");
      try (Floorgate gateway = Floorgate.start(config.load())) {
        File log = dir.resolve("browser.log").toFile();
        Process node = new ProcessBuilder(List.of("node", "status-page.mjs",
            "http://127.0.0.1:" + gateway.api().port(), token, HI))
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
        assertEquals("ACKED", gateway.alarms().alarm(HI).state().name());
        assertEquals("ci operator", gateway.alarms().alarm(HI).ackedBy());
      }
    }
  }
}
