package io.floorgate.driver.opcua;

import static io.floorgate.driver.opcua.Specs.HEARTBEAT;
import static io.floorgate.driver.opcua.Specs.connection;
import static io.floorgate.driver.opcua.Specs.polling;
import static io.floorgate.driver.opcua.Specs.subscription;
import static io.floorgate.driver.opcua.Specs.tag;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.floorgate.driver.LinkState;
import io.floorgate.driver.Sample;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** PLC restarts: the plant's RHK01 server is stopped and started again on the same port. */
@Timeout(90)
class ReconnectTest {

  private SimulatedPlant plant;
  private String rhk01;

  @BeforeEach
  void startPlant() {
    plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 42, 0, 1.0));
    rhk01 = plant.plc("RHK01").endpointUrl();
  }

  @AfterEach
  void stopPlant() {
    plant.close();
  }

  @Test
  void driverStartedBeforeThePlcConnectsOnceThePlcIsUp() {
    plant.stop("RHK01");
    var sink = new CollectingSink();
    var spec = connection(rhk01, subscription(List.of(tag("heartbeat", HEARTBEAT))));

    try (var logs = new LogCapture(OpcUaDriver.class); var driver = new OpcUaDriver(spec)) {
      driver.start(sink);
      // Retried every 100–500 ms, said once: the cause does not change.
      await().atMost(Duration.ofSeconds(10)).until(() -> !logs.messages(Level.WARN).isEmpty());
      await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
      assertEquals(1, logs.messages(Level.WARN).size(), logs.messages(Level.WARN).toString());
      assertEquals(LinkState.DISCONNECTED, driver.state());

      plant.start("RHK01");

      await().atMost(Duration.ofSeconds(15)).until(() -> sink.samplesFor("heartbeat").size() >= 3);
      assertEquals(LinkState.CONNECTED, driver.state());
      assertEquals(List.of(LinkState.CONNECTING, LinkState.DISCONNECTED, LinkState.CONNECTED),
          sink.linkStates());
    }
  }

  @Test
  void subscriptionComesBackAfterPlcRestart() {
    var sink = new CollectingSink();
    var spec = connection(rhk01, subscription(List.of(tag("heartbeat", HEARTBEAT))));

    try (var driver = new OpcUaDriver(spec)) {
      driver.start(sink);
      await().atMost(Duration.ofSeconds(15)).until(() -> sink.samplesFor("heartbeat").size() >= 3);

      plant.stop("RHK01");
      await().atMost(Duration.ofSeconds(20)).until(() -> driver.state() == LinkState.DISCONNECTED);
      Instant restarted = Instant.now();
      plant.start("RHK01");

      await().atMost(Duration.ofSeconds(40)).until(() -> afterwards(sink, restarted).size() >= 5);
      assertEquals(LinkState.CONNECTED, driver.state());
      assertEquals(List.of(LinkState.CONNECTING, LinkState.CONNECTED, LinkState.DISCONNECTED,
          LinkState.CONNECTED), sink.linkStates());
      assertTrue(afterwards(sink, restarted).stream().allMatch(s -> s.status().isGood()));
    }
  }

  @Test
  void pollingResumesAfterPlcRestart() {
    var sink = new CollectingSink();
    var spec = connection(rhk01, polling(Duration.ofMillis(200), List.of(tag("heartbeat", HEARTBEAT))));

    try (var driver = new OpcUaDriver(spec)) {
      driver.start(sink);
      await().atMost(Duration.ofSeconds(15)).until(() -> sink.samplesFor("heartbeat").size() >= 3);

      plant.stop("RHK01");
      await().atMost(Duration.ofSeconds(20)).until(() -> driver.state() == LinkState.DISCONNECTED);
      Instant restarted = Instant.now();
      plant.start("RHK01");

      await().atMost(Duration.ofSeconds(40)).until(() -> afterwards(sink, restarted).stream()
          .filter(s -> s.status().isGood()).count() >= 5);
      assertEquals(LinkState.CONNECTED, driver.state());
    }
  }

  @Test
  void closeWhileThePlcIsDownReturnsWithinTheCloseTimeout() {
    var sink = new CollectingSink();
    var spec = connection(rhk01, subscription(List.of(tag("heartbeat", HEARTBEAT))));
    var driver = new OpcUaDriver(spec);
    driver.start(sink);
    await().atMost(Duration.ofSeconds(15)).until(() -> !sink.samplesFor("heartbeat").isEmpty());
    plant.stop("RHK01");
    await().atMost(Duration.ofSeconds(20)).until(() -> driver.state() == LinkState.DISCONNECTED);

    // closeTimeout is 5 s, plus at most 1 s for the driver's thread.
    assertTimeoutPreemptively(Duration.ofSeconds(7), driver::close);
    driver.close();

    assertEquals(LinkState.CLOSED, driver.state());
    assertEquals(LinkState.CLOSED, sink.linkStates().get(sink.linkStates().size() - 1));
  }

  private static List<Sample> afterwards(CollectingSink sink, Instant t) {
    return sink.samplesFor("heartbeat").stream().filter(s -> s.receivedAt().isAfter(t)).toList();
  }
}
