package io.floorgate.driver.opcua;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.floorgate.driver.AcquisitionMode;
import io.floorgate.driver.ConnectionSpec;
import io.floorgate.driver.LinkState;
import io.floorgate.driver.TagGroupSpec;
import io.floorgate.driver.TagSpec;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class UnreachablePlcTest {

  @Test
  void unreachablePlcIsRetriedWithOneActionableWarningForTheCause() throws Exception {
    String url = "opc.tcp://127.0.0.1:" + freePort() + "/rhk01";
    var spec = new ConnectionSpec("rhk01", url, Duration.ofMillis(100), Duration.ofMillis(400),
        List.of(group()));
    var sink = new CollectingSink();

    try (var logs = new LogCapture(OpcUaDriver.class); var driver = new OpcUaDriver(spec)) {
      assertTimeoutPreemptively(Duration.ofSeconds(1), () -> driver.start(sink));

      await().atMost(Duration.ofSeconds(10)).until(() -> !logs.messages(Level.WARN).isEmpty());
      // Retried every 100–400 ms meanwhile: a dozen attempts, one cause.
      await().pollDelay(Duration.ofSeconds(4)).until(() -> true);

      List<String> warnings = logs.messages(Level.WARN);
      assertEquals(1, warnings.size(), "one line for one cause: " + warnings);
      String w = warnings.get(0);
      assertTrue(w.contains("'rhk01'") && w.contains(url) && w.contains("connection refused")
          && w.contains("next attempt in") && w.contains("check that the PLC is on"),
          "not actionable: " + w);
      assertEquals(List.of(LinkState.CONNECTING, LinkState.DISCONNECTED), sink.linkStates());
      assertEquals(LinkState.DISCONNECTED, driver.state());
      assertTrue(sink.samples().isEmpty());
    }
    assertEquals(LinkState.CLOSED, sink.linkStates().get(sink.linkStates().size() - 1));
  }

  @Test
  void closeIsIdempotentAndWorksBeforeStart() {
    var spec = new ConnectionSpec("rhk01", "opc.tcp://127.0.0.1:1/rhk01", Duration.ofMillis(100),
        Duration.ofMillis(400), List.of(group()));
    var driver = new OpcUaDriver(spec);

    driver.close();
    driver.close();

    assertEquals(LinkState.CLOSED, driver.state());
  }

  @Test
  void tagWithUnparsableNodeIdIsReportedBadWithoutWaitingForTheServer() throws Exception {
    var spec = new ConnectionSpec("rhk01", "opc.tcp://127.0.0.1:" + freePort() + "/rhk01",
        Duration.ofMillis(100), Duration.ofMillis(400), List.of(new TagGroupSpec("fast",
            AcquisitionMode.SUBSCRIPTION, Duration.ofMillis(100), Duration.ofMillis(100), 10, null,
            Duration.ofSeconds(1), List.of(new TagSpec("typo", "RHK01.Heartbeat")))));
    var sink = new CollectingSink();

    try (var driver = new OpcUaDriver(spec)) {
      driver.start(sink);
      await().atMost(Duration.ofSeconds(5)).until(() -> !sink.samplesFor("typo").isEmpty());

      assertEquals("Bad_NodeIdInvalid", sink.samplesFor("typo").get(0).status().name());
    }
  }

  private static TagGroupSpec group() {
    return new TagGroupSpec("fast", AcquisitionMode.SUBSCRIPTION, Duration.ofMillis(100),
        Duration.ofMillis(100), 10, null, Duration.ofSeconds(1),
        List.of(new TagSpec("heartbeat", "ns=2;s=RHK01.Heartbeat")));
  }

  static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
