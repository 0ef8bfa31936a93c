package io.floorgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.LoadPlant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's {@code floorgate} command as the procedure of deploy/README.md installs it (the
 * built floorgate.jar and floorgate-java in opt/floorgate, the command in usr/local/bin, the env
 * file in etc/floorgate), run in a temporary install root.
 */
@Timeout(120)
class LauncherIT {

  static final Path ROOT = DeployFilesTest.ROOT;

  @TempDir Path install;
  Path home;
  Path command;
  Path envFile;

  @BeforeEach
  void installIntoTheTemporaryRoot() throws IOException {
    home = Files.createDirectories(install.resolve("opt/floorgate"));
    Files.copy(ROOT.resolve("gateway/app/target/floorgate.jar"), home.resolve("floorgate.jar"));
    command = install.resolve("usr/local/bin/floorgate");
    Files.createDirectories(command.getParent());
    executable(ROOT.resolve("deploy/floorgate-java"), home.resolve("floorgate-java"));
    executable(ROOT.resolve("deploy/floorgate"), command);
    envFile = Files.createDirectories(install.resolve("etc/floorgate")).resolve("floorgate.env");
  }

  @Test
  void versionShowsTheVersionAndTheCommitTheJarWasBuiltFrom() throws Exception {
    Run run = floorgate(Map.of(), "-V");

    assertEquals(0, run.exitCode(), run.output());
    String version = projectVersion();
    String commit = headCommit();
    assertEquals("floorgate " + version + " (commit " + commit + ")", run.output().strip());
  }

  @Test
  void theAlarmLanesPriorityIsAppliedWhenAskedForAndNotWhenTurnedOff() throws Exception {
    Pattern policy = Pattern.compile("ThreadPriorityPolicy\\s+= (\\d)");
    for (var expected : Map.of("on", "1", "off", "0").entrySet()) {
      Run run = floorgate(Map.of("FLOORGATE_ALARM_PRIORITY", expected.getKey(),
          "FLOORGATE_JAVA_OPTS", "-XX:+PrintFlagsFinal"), "-V");
      assertEquals(0, run.exitCode(), run.output());
      var matcher = policy.matcher(run.output());
      assertTrue(matcher.find(), "the JVM's flags printed");
      assertEquals(expected.getValue(), matcher.group(1),
          "ThreadPriorityPolicy with FLOORGATE_ALARM_PRIORITY=" + expected.getKey());
    }
  }

  @Test
  void runIsGivenTheHeapItsConfigurationNeedsAndTheOperatorsSettingWins() throws Exception {
    Path state = install.resolve("var/lib/floorgate");
    Path small = install.resolve("etc/floorgate/small.yaml");
    Files.writeString(small, LoadPlant.yaml(100));
    Path large = install.resolve("etc/floorgate/large.yaml");
    Files.writeString(large, LoadPlant.yaml(40_000));
    Run checked = floorgate(Map.of(), "check", "--heap", "--config", large.toString());
    assertEquals(0, checked.exitCode(), checked.output());
    long needed = megabytes(checked.output().strip());

    // -version ends the JVM after its options are applied: the gateway itself does not start.
    Map<String, String> flagsOnly = Map.of("FLOORGATE_STATE_DIR", state.toString(),
        "FLOORGATE_CDS", "off", "FLOORGATE_JAVA_OPTS", "-XX:+PrintFlagsFinal -version");
    assertTrue(needed > 80, "40,000 tags need more than the default: " + needed + "m");
    assertEquals(needed, maxHeapMegabytes(floorgate(flagsOnly, "run", "--config", large.toString())));
    assertEquals(needed + "m " + large.toRealPath(),
        Files.readString(state.resolve("heap-max")).strip(), "remembered for the next start");
    assertEquals(needed, maxHeapMegabytes(floorgate(flagsOnly, "run", "-c", large.toString())),
        "the remembered figure");

    assertEquals(80, maxHeapMegabytes(floorgate(flagsOnly, "run", "--config=" + small)));
    // check and the other short commands may use half the memory: reading 100,000 tags' YAML
    // takes ~220 MB, more than the JVM's default quarter of a 768 MB container.
    Run check = floorgate(flagsOnly, "check", "--config", large.toString());
    assertTrue(Pattern.compile("MaxRAMPercentage\\s+= 50\\.0").matcher(check.output()).find(),
        check.output());
    Map<String, String> set = new HashMap<>(flagsOnly);
    set.put("FLOORGATE_HEAP_MAX", "96m");
    assertEquals(96, maxHeapMegabytes(floorgate(set, "run", "--config", large.toString())));

    // An edit makes the configuration newer than what was remembered: sized again.
    Files.writeString(large, LoadPlant.yaml(100));
    Files.setLastModifiedTime(large, FileTime.fromMillis(
        System.currentTimeMillis() + 5_000));
    assertEquals(80, maxHeapMegabytes(floorgate(flagsOnly, "run", "--config", large.toString())));
  }

  private static long maxHeapMegabytes(Run run) {
    assertEquals(0, run.exitCode(), run.output());
    var matcher = Pattern.compile("MaxHeapSize\\s+= (\\d+)").matcher(run.output());
    assertTrue(matcher.find(), "the JVM's flags printed: " + run.output());
    return Long.parseLong(matcher.group(1)) / (1024 * 1024);
  }

  private static long megabytes(String launcherValue) {
    assertTrue(launcherValue.matches("\\d+m"), launcherValue);
    return Long.parseLong(launcherValue.substring(0, launcherValue.length() - 1));
  }

  @Test
  void trustRunsThroughTheCommandAndExplainsItself() throws Exception {
    Run help = floorgate(Map.of(), "help", "trust");
    assertEquals(0, help.exitCode(), help.output());
    assertTrue(help.output().contains("Usage: floorgate trust"), help.output());

    Path pki = install.resolve("var/lib/floorgate/pki");
    Run list = floorgate(Map.of(), "trust", "--pki", pki.toString());
    assertEquals(0, list.exitCode(), list.output());
    assertTrue(list.output().contains("Rejected (floorgate trust --pki " + pki), list.output());
  }

  @Test
  void theEnvFileGivesTheServicesSettingsAndTheCallersEnvironmentWins() throws Exception {
    Files.writeString(envFile, """
        # as deploy/floorgate.env
        FLOORGATE_MQTT_URL=tcp://broker-from-env-file:1883
        FLOORGATE_TEST_QUOTED="quoted value"
        """);
    Path config = install.resolve("etc/floorgate/floorgate.yaml");
    Files.writeString(config, """
        namespace: { enterprise: jxnmm, site: isohara }
        mqtt: { url: "${FLOORGATE_MQTT_URL}" }
        connections:
          - name: rhk01
            endpoint: opc.tcp://127.0.0.1:1/rhk01
            area: calcination
            groups:
              - name: fast
                tags:
                  - { path: rhk01/zone01/temperature, node: "ns=2;s=RHK01.Zone01.TempPV", unit: °C }
        """);

    Run fromFile = floorgate(Map.of(), "check", "--config", config.toString());
    assertEquals(0, fromFile.exitCode(), fromFile.output());
    assertTrue(fromFile.output().contains("broker tcp://broker-from-env-file:1883"),
        fromFile.output());

    Run overridden = floorgate(Map.of("FLOORGATE_MQTT_URL", "tcp://127.0.0.1:1883"),
        "check", "--config", config.toString());
    assertTrue(overridden.output().contains("broker tcp://127.0.0.1:1883"), overridden.output());
  }

  record Run(int exitCode, String output) {}

  /** Runs the installed command as the caller (FLOORGATE_USER empty: no change of user). */
  Run floorgate(Map<String, String> extraEnv, String... args) throws Exception {
    List<String> line = new ArrayList<>(List.of("sh", command.toString()));
    line.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true)
        .directory(install.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(key -> key.startsWith("FLOORGATE_"));
    env.putAll(new HashMap<>(Map.of("FLOORGATE_HOME", home.toString(),
        "FLOORGATE_ENV_FILE", envFile.toString(), "FLOORGATE_USER", "")));
    env.putAll(extraEnv);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the command ended");
    return new Run(process.exitValue(), output);
  }

  private static void executable(Path from, Path to) throws IOException {
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** The project's version, from the root POM the jar was built with. */
  private static String projectVersion() throws IOException {
    String pom = Files.readString(ROOT.resolve("pom.xml"));
    var matcher = Pattern.compile("<artifactId>floorgate-parent</artifactId>\\s*<version>([^<]+)<")
        .matcher(pom);
    assertTrue(matcher.find(), "the root POM's version");
    return matcher.group(1);
  }

  /** The commit git reports for the checkout, or "unknown" where there is no git history. */
  private static String headCommit() throws Exception {
    try {
      Process git = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD")
          .directory(ROOT.toFile()).redirectErrorStream(true).start();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0 ? out : "unknown";
    } catch (IOException noGit) {
      return "unknown";
    }
  }
}
