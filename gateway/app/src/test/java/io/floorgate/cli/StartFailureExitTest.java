package io.floorgate.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.GatewayProcess;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code floorgate run} as systemd runs it, a process of its own: when a part cannot start it
 * ends by itself, soon, with exit code 1 and one line naming the cause and the fix — no stack
 * trace, no half-started process waiting for a signal; a healthy start keeps running.
 */
@Timeout(120)
class StartFailureExitTest {

  /** Start, fail, close what was opened (MQTT sessions, buffers) and exit: well within this. */
  static final Duration EXIT_BOUND = Duration.ofSeconds(30);

  @TempDir Path dir;

  String config(int apiPort) {
    return RunStartFailureTest.config(dir, apiPort);
  }

  Path write(String yaml) throws Exception {
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  /** Runs {@code config}; asserts the exit within the bound, code 1, and no stack trace. */
  String runUntilItEnds(Path config) throws Exception {
    long started = System.nanoTime();
    try (GatewayProcess gateway = GatewayProcess.run(config, dir.resolve("gateway.log"))) {
      Integer code = gateway.exitCode(EXIT_BOUND);
      String log = gateway.log();
      assertNotNull(code, "still running " + EXIT_BOUND.toSeconds() + " s after start:\n" + log);
      assertEquals(1, code, log);
      assertFalse(log.contains("\tat ") || log.contains("Exception in thread"),
          "no stack trace for an expected condition:\n" + log);
      System.out.printf("exit 1 after %d ms%n", (System.nanoTime() - started) / 1_000_000);
      return log;
    }
  }

  /** The one line that says why the gateway did not start. */
  static String notStarted(String log) {
    List<String> lines = log.lines().filter(l -> l.startsWith("Not started:")).toList();
    assertEquals(1, lines.size(), log);
    return lines.get(0);
  }

  @Test
  void aTakenApiPortEndsTheProcessNamingThePortAndTheSetting() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String line = notStarted(runUntilItEnds(write(config(taken.getLocalPort()))));

      assertTrue(line.contains("port " + taken.getLocalPort() + " on 127.0.0.1 is in use by "
          + "another process: stop it or set api.port"), line);
    }
  }

  @Test
  void anAlarmStateFileThatIsADirectoryEndsTheProcess() throws Exception {
    Files.createDirectories(dir.resolve("state").resolve("alarms.json"));

    String line = notStarted(runUntilItEnds(write(config(0))));

    assertTrue(line.contains("alarm state file " + dir.resolve("state").resolve("alarms.json")
        + " is a directory: set alarms.stateFile"), line);
  }

  @Test
  void aSparkplugBdSeqFileThatCannotBeWrittenEndsTheProcess() throws Exception {
    Files.createDirectories(dir.resolve("buffer-sparkplug.bdseq"));

    String line = notStarted(runUntilItEnds(write(config(0))));

    assertTrue(line.contains("Sparkplug bdSeq file") && line.contains("buffer-sparkplug.bdseq"),
        line);
  }

  @Test
  void aPkiDirectoryThatCannotBeUsedEndsTheProcessInsteadOfRetryingThePlc() throws Exception {
    Files.writeString(dir.resolve("pki"), "not a directory");
    String secured = config(0).replace("    area: calcination\n", "    area: calcination\n"
        + "    security: { policy: Basic256Sha256, mode: SignAndEncrypt, pki: '"
        + dir.resolve("pki") + "' }\n");
    assertTrue(secured.contains("SignAndEncrypt"), secured);

    String line = notStarted(runUntilItEnds(write(secured)));

    assertTrue(line.contains("cannot use the PKI directory " + dir.resolve("pki")), line);
  }

  @Test
  void aDirectoryGivenAsConfigSaysWhichFileIsExpected() throws Exception {
    write(config(0));

    String log = runUntilItEnds(dir);

    assertFalse(log.contains("Not started"), "the one line is enough:\n" + log);
    assertTrue(log.contains(dir + " is a directory: give the YAML file in it with --config, "
        + "e.g. " + dir.resolve("gateway.yaml")), log);
  }

  @Test
  void aHealthyStartKeepsRunningAnnouncesTheStatusPageAndStopsOnSignal() throws Exception {
    try (GatewayProcess gateway = GatewayProcess.run(write(config(0)),
        dir.resolve("gateway.log"))) {
      await().atMost(EXIT_BOUND).until(() -> gateway.log().contains("Watching "));
      assertTrue(gateway.isAlive(), gateway.log());
      assertTrue(gateway.log().matches("(?s).*Status page http://127\\.0\\.0\\.1:\\d+/ — metrics "
          + "http://127\\.0\\.0\\.1:\\d+/metrics.*"), gateway.log());

      gateway.close();

      assertFalse(gateway.isAlive());
      assertTrue(gateway.log().contains("Floorgate stopped"), gateway.log());
    }
  }
}
