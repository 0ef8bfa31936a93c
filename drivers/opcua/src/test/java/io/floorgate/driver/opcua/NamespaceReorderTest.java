package io.floorgate.driver.opcua;

import static io.floorgate.driver.opcua.Specs.connection;
import static io.floorgate.driver.opcua.Specs.polling;
import static io.floorgate.driver.opcua.Specs.subscription;
import static io.floorgate.driver.opcua.Specs.tag;
import static io.floorgate.driver.opcua.TwoNamespaceServer.COUNT_A;
import static io.floorgate.driver.opcua.TwoNamespaceServer.LINE_A;
import static io.floorgate.driver.opcua.TwoNamespaceServer.LINE_B;
import static io.floorgate.driver.opcua.TwoNamespaceServer.SETPOINT_A;
import static io.floorgate.driver.opcua.TwoNamespaceServer.SPEED_A;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.floorgate.driver.ConnectionSpec;
import io.floorgate.driver.Sample;
import io.floorgate.driver.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server that registers its two namespaces in another order after a restart: tags addressed
 * by namespace URI follow their namespace; tags addressed by index go BAD instead of reading
 * the other namespace's variable that has the same identifier.
 */
@Timeout(120)
class NamespaceReorderTest {

  static final long NODE_ID_UNKNOWN = StatusCodes.Bad_NodeIdUnknown;

  TwoNamespaceServer server;

  @BeforeEach
  void startServer() {
    server = TwoNamespaceServer.start(LINE_A, LINE_B);
    assertEquals(2, server.indexOf(LINE_A));
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void uriNodeIdsReadAndWriteTheRightNamespaceBeforeAndAfterARestartThatReordersIt()
      throws Exception {
    ConnectionSpec spec = connection(server.endpointUrl(),
        subscription(List.of(
            tag("a.speed", "nsu=" + LINE_A + ";s=Speed"),
            tag("b.speed", "nsu=" + LINE_B + ";s=Speed"),
            tag("a.setpoint", "nsu=" + LINE_A + ";s=Setpoint"),
            tag("c.speed", "nsu=urn:floorgate:test:line-c;s=Speed"))),
        polling(Duration.ofMillis(200), List.of(
            tag("a.count", "nsu=" + LINE_A + ";i=1001"),
            tag("b.count", "nsu=" + LINE_B + ";i=1001"))));
    Map<String, Object> expected = Map.of("a.speed", SPEED_A, "b.speed", 2 * SPEED_A,
        "a.setpoint", SETPOINT_A, "a.count", (long) COUNT_A, "b.count", 2L * COUNT_A);
    var sink = new CollectingSink();

    try (var logs = new LogCapture(NamespaceBinding.class);
        var driver = new OpcUaDriver(spec)) {
      driver.start(sink);
      await().atMost(Duration.ofSeconds(20))
          .until(() -> readsSince(sink, Instant.EPOCH, expected));
      assertTrue(unknownSince(sink, Instant.EPOCH).contains("c.speed"));

      Instant restarted = Instant.now();
      server.restart(LINE_B, LINE_A);
      assertEquals(3, server.indexOf(LINE_A));
      await().atMost(Duration.ofSeconds(40)).until(() -> readsSince(sink, restarted, expected));
      assertOnlyOwnValues(sink, expected);
      // A URI the server does not have: BAD, one ERROR for it however many sessions.
      assertTrue(sink.samplesFor("c.speed").stream().noneMatch(s -> s.status().isGood()));
      List<String> errors = logs.messages(Level.ERROR);
      assertEquals(1, errors.size(), errors.toString());
      assertTrue(errors.get(0).contains("no namespace 'urn:floorgate:test:line-c'"), errors.get(0));
      assertTrue(errors.get(0).contains("the 1 tag(s)"), errors.get(0));

      assertEquals(Status.GOOD, driver.write("a.setpoint", 7.5).get(10, TimeUnit.SECONDS));
      assertEquals(7.5, server.setpoint(LINE_A));
      assertEquals(2 * SETPOINT_A, server.setpoint(LINE_B));
    }
  }

  @Test
  void indexNodeIdsOfANamespaceThatMovedGoBadWithTheFixLoggedAndNeverReadTheOtherNamespace()
      throws Exception {
    ConnectionSpec spec = connection(server.endpointUrl(),
        subscription(List.of(
            tag("a.speed", "ns=2;s=Speed"),
            tag("a.setpoint", "ns=2;s=Setpoint"))),
        polling(Duration.ofMillis(200), List.of(
            tag("a.count", "ns=2;i=1001"),
            tag("server.state", "i=2259"))));
    var sink = new CollectingSink();

    try (var logs = new LogCapture(NamespaceBinding.class);
        var driver = new OpcUaDriver(spec)) {
      driver.start(sink);
      Map<String, Object> lineA = Map.of("a.speed", SPEED_A, "a.setpoint", SETPOINT_A,
          "a.count", (long) COUNT_A);
      await().atMost(Duration.ofSeconds(20)).until(() -> readsSince(sink, Instant.EPOCH, lineA));

      Instant restarted = Instant.now();
      server.restart(LINE_B, LINE_A);
      await().atMost(Duration.ofSeconds(40)).until(() -> unknownSince(sink, restarted)
          .containsAll(List.of("a.speed", "a.setpoint", "a.count")));
      // The standard namespace does not move: that tag keeps reading.
      await().atMost(Duration.ofSeconds(10)).until(() -> sink.samplesFor("server.state").stream()
          .anyMatch(s -> s.receivedAt().isAfter(restarted) && s.status().isGood()));
      // Polls and notifications go on for a while; none reads line B's variables.
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
          .until(() -> noGoodSince(sink, restarted, List.of("a.speed", "a.setpoint", "a.count")));
      assertOnlyOwnValues(sink, lineA);

      List<String> errors = logs.messages(Level.ERROR);
      assertEquals(1, errors.size(), errors.toString());
      String error = errors.get(0);
      assertTrue(error.contains("namespace index 2 was '" + LINE_A + "' at this gateway's first "
          + "connect and is now '" + LINE_B + "'"), error);
      assertTrue(error.contains("the 3 tag(s) with ns=2"), error);
      assertTrue(error.contains("nsu=" + LINE_A + ";"), error);

      var refused = assertThrows(ExecutionException.class,
          () -> driver.write("a.setpoint", 9.0).get(10, TimeUnit.SECONDS));
      assertTrue(refused.getCause().getMessage().contains("not on the PLC as configured"),
          refused.getCause().getMessage());
      assertEquals(2 * SETPOINT_A, server.setpoint(LINE_B));
    }
  }

  /** Whether every tag of {@code expected} had a GOOD sample of that value after {@code t}. */
  private static boolean readsSince(CollectingSink sink, Instant t, Map<String, Object> expected) {
    return expected.entrySet().stream().allMatch(e -> sink.samplesFor(e.getKey()).stream()
        .anyMatch(s -> s.receivedAt().isAfter(t) && s.status().isGood()
            && Objects.equals(s.value(), e.getValue())));
  }

  /** No tag ever had a GOOD value other than its own (a shifted index would read the other's). */
  private static void assertOnlyOwnValues(CollectingSink sink, Map<String, Object> expected) {
    for (Sample s : sink.samples()) {
      Object own = expected.get(s.tag());
      if (own != null && s.status().isGood() && !s.tag().equals("a.setpoint")) {
        assertEquals(own, s.value(), "tag " + s.tag() + " read " + s);
      }
    }
  }

  private static List<String> unknownSince(CollectingSink sink, Instant t) {
    return sink.samples().stream()
        .filter(s -> s.receivedAt().isAfter(t) && s.status().code() == NODE_ID_UNKNOWN)
        .map(Sample::tag).distinct().toList();
  }

  private static boolean noGoodSince(CollectingSink sink, Instant t, List<String> tags) {
    return sink.samples().stream().noneMatch(s -> tags.contains(s.tag())
        && s.receivedAt().isAfter(t) && s.status().isGood());
  }
}
