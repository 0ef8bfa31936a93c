package io.floorgate.cli;

import static io.floorgate.cli.CheckCommandTest.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.buffer.DiskBuffer;
import io.floorgate.cli.CheckCommandTest.Outcome;
import io.floorgate.config.BufferConfig;
import io.floorgate.config.ConfigLoader;
import io.floorgate.config.GatewayConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} when a part cannot start: one line naming the cause, exit code 1 (so systemd's
 * {@code Restart=} and Kubernetes act), and nothing left open or half-running.
 */
@Timeout(60)
class RunStartFailureTest {

  /**
   * A plant nobody serves (the drivers retry in the background): alarms, UNS and Sparkplug on the
   * local broker, everything kept in {@code dir}.
   */
  static String config(Path dir, int apiPort) {
    return """
        namespace: { enterprise: jxnmm, site: isohara }
        mqtt: { url: tcp://127.0.0.1:1883, clientId: start-test-%1$s }
        buffer: { directory: '%2$s' }
        sparkplug: { enabled: true, groupId: start-test-%1$s }
        api: { bind: 127.0.0.1, port: %3$d }
        alarms:
          stateFile: '%4$s'
          rules:
            - { tag: calcination/rhk01/zone01/temperature, type: hi, limit: 800 }
        connections:
          - name: rhk01
            endpoint: opc.tcp://127.0.0.1:1/rhk01
            area: calcination
            groups:
              - name: fast
                tags:
                  - { path: rhk01/zone01/temperature, node: "ns=2;s=RHK01.Zone01.TempPV", unit: °C }
        """.formatted(dir.getFileName(), dir.resolve("buffer"), apiPort,
        dir.resolve("state").resolve("alarms.json"));
  }

  @Test
  void aSparkplugBufferThatCannotBeOpenedEndsRunWithItsPathAndLeavesTheUnsBufferClosed(
      @TempDir Path dir) throws Exception {
    // A regular file where the node's buffer directory must go: not even root can use it.
    Files.writeString(dir.resolve("buffer-sparkplug"), "not a directory");
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(file, config(dir, 0));

    Outcome outcome = execute("run", "--config", file.toString());

    assertEquals(1, outcome.exitCode(), outcome.err());
    assertTrue(outcome.err().contains("Not started: ")
        && outcome.err().contains(dir.resolve("buffer-sparkplug").toString()), outcome.err());
    GatewayConfig config = ConfigLoader.load(file, Map.of());
    BufferConfig uns = config.buffer();
    try (DiskBuffer again = DiskBuffer.open(uns, Clock.systemUTC())) {
      assertEquals(0, again.size(), "the UNS buffer was closed and opens again at once");
    }
  }

  @Test
  void aTakenApiPortEndsRunInsteadOfWaitingHalfStarted(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Path file = dir.resolve("gateway.yaml");
      Files.writeString(file, config(dir, taken.getLocalPort()));

      Outcome outcome = execute("run", "--config", file.toString());

      assertEquals(1, outcome.exitCode(), outcome.err());
      assertTrue(outcome.err().contains("Not started: API server: port " + taken.getLocalPort()
          + " on 127.0.0.1 is in use by another process: stop it or set api.port"), outcome.err());
      try (DiskBuffer again = DiskBuffer.open(ConfigLoader.load(file, Map.of()).buffer(),
          Clock.systemUTC())) {
        assertEquals(0, again.size(), "the buffers were closed on the way out");
      }
    }
  }
}
