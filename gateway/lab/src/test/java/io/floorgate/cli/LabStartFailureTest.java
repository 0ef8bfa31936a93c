package io.floorgate.cli;

import static io.floorgate.cli.BenchCommandTest.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.cli.BenchCommandTest.Outcome;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code sim} and {@code demo} on a port another process holds: at once, one line naming the port
 * and the option that moves it, exit code 1 — not hundreds of lines of bind traces, nor a wait.
 */
@Timeout(30)
class LabStartFailureTest {

  @Test
  void simOnATakenPortEndsWithOneLineNamingThePortAndTheOption() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      Outcome outcome = execute("sim", "--port", Integer.toString(port), "--modbus-port",
          "0", "--no-security");

      assertEquals(1, outcome.exitCode(), outcome.err());
      assertEquals("Simulator not started: port " + port + " on 127.0.0.1 is in use by another "
          + "process: stop it or set --port", outcome.err().strip());
    }
  }

  @Test
  void simOnATakenModbusPortNamesTheModbusOption() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Outcome outcome = execute("sim", "--port", "0", "--modbus-port",
          Integer.toString(taken.getLocalPort()), "--no-security");

      assertEquals(1, outcome.exitCode(), outcome.err());
      assertTrue(outcome.err().contains("or set --modbus-port"), outcome.err());
    }
  }

  @Test
  void demoOnATakenBrokerPortEndsWithOneLine() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Outcome outcome = execute("demo", "--broker-port", Integer.toString(taken.getLocalPort()));

      assertEquals(1, outcome.exitCode(), outcome.err());
      assertEquals("Demo not started: port " + taken.getLocalPort() + " on 127.0.0.1 is in use "
          + "by another process: stop it or set --broker-port", outcome.err().strip());
      assertFalse(outcome.out().contains("Ctrl-C"), outcome.out());
    }
  }

  @Test
  void simWithANegativeDriftSpeedEndsWithOneLineSayingWhatToUse() throws Exception {
    Outcome outcome = execute("sim", "--port", "0", "--no-security", "--drift-speed", "-1");

    assertEquals(1, outcome.exitCode(), outcome.err());
    assertEquals("Simulator not started: drift speed -1.0 is out of range: use 0 (no wear), "
        + "1 (real time) or more, at most 1000000", outcome.err().strip());
  }
}
