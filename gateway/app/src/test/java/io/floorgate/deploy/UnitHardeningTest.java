package io.floorgate.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd unit and its alarm-priority drop-in as systemd itself reads them
 * ({@code systemd-analyze security --offline}): hardened, the unit refuses both the capability and
 * the system call that raising a thread's priority needs, and the drop-in gives back exactly
 * those. Skipped where systemd's tools are not installed.
 */
@Timeout(60)
class UnitHardeningTest {

  static final Path DEPLOY = DeployFilesTest.DEPLOY;

  @TempDir Path units;

  /** systemd's exposure report of the unit as copied into {@link #units}. */
  String security() throws Exception {
    Process analyze;
    try {
      analyze = new ProcessBuilder("systemd-analyze", "security", "--offline=true", "--no-pager",
          "./floorgate.service").directory(units.toFile()).redirectErrorStream(true).start();
    } catch (IOException notInstalled) {
      assumeTrue(false, "systemd-analyze is not installed");
      throw notInstalled;
    }
    String report = new String(analyze.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(analyze.waitFor(30, TimeUnit.SECONDS), "systemd-analyze ended");
    assumeTrue(!report.contains("unrecognized option"), "this systemd has no --offline");
    assertTrue(report.contains("Overall exposure level for floorgate.service"), report);
    return report;
  }

  @Test
  void theUnitAloneMayNotRaiseAThreadsPriority() throws Exception {
    Files.copy(DEPLOY.resolve("floorgate.service"), units.resolve("floorgate.service"));

    String report = security();

    assertTrue(report.contains("@resources is not included"), report);
    assertTrue(report.contains("Service has no privileges to change resource use parameters"),
        report);
    assertTrue(report.contains("Service process does not receive ambient capabilities"), report);
  }

  @Test
  void theDropInGivesTheCapabilityAndTheSystemCallOfTheAlarmPriorityAndTurnsItOn()
      throws Exception {
    Files.copy(DEPLOY.resolve("floorgate.service"), units.resolve("floorgate.service"));
    Path dropIns = Files.createDirectories(units.resolve("floorgate.service.d"));
    Path dropIn = DEPLOY.resolve("floorgate.service.d/alarm-priority.conf");
    Files.copy(dropIn, dropIns.resolve("alarm-priority.conf"));

    String report = security();

    assertTrue(report.contains("setpriority is allowed"), report);
    assertTrue(report.contains("Service has privileges to change resource use parameters"), report);
    assertTrue(report.contains("Service process receives ambient capabilities"), report);
    assertTrue(Files.readString(dropIn).contains("Environment=FLOORGATE_ALARM_PRIORITY=on"),
        "the launcher is told to apply the priorities");
  }
}
