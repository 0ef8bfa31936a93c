package io.floorgate.driver.opcua;

import static io.floorgate.driver.opcua.Specs.HEARTBEAT;
import static io.floorgate.driver.opcua.Specs.connection;
import static io.floorgate.driver.opcua.Specs.subscription;
import static io.floorgate.driver.opcua.Specs.tag;
import static io.floorgate.driver.opcua.Specs.with;
import static io.floorgate.driver.opcua.Specs.zonePvs;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.driver.LinkState;
import io.floorgate.driver.Sample;
import io.floorgate.driver.TagSpec;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import io.floorgate.sim.SimulatedPlc;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A kiln PLC restart under a running driver: BAD within the configured time, then whole again. */
@Timeout(120)
class PlcRestartTest {

  static final Duration BAD_AFTER = Duration.ofSeconds(1);
  static final long NO_COMMUNICATION = 0x80310000L;

  SimulatedPlant plant;

  @BeforeEach
  void startPlant() {
    plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 42, 0, 1.0));
  }

  @AfterEach
  void stopPlant() {
    plant.close();
  }

  @Test
  void tagsGoBadWithinTheConfiguredTimeAndComeBackWithOneSubscriptionAndNoDuplicateItems() {
    SimulatedPlc kiln = plant.plc("RHK01");
    List<TagSpec> tags = with(zonePvs(), tag("heartbeat", HEARTBEAT));
    var spec = connection(kiln.endpointUrl(), subscription(tags))
        .withLimits(BAD_AFTER, 0, 0);
    Set<String> keys = tags.stream().map(TagSpec::key).collect(Collectors.toSet());
    var sink = new CollectingSink();

    try (var driver = new OpcUaDriver(spec)) {
      driver.start(sink);
      await().atMost(Duration.ofSeconds(20)).until(() -> goodSince(sink, Instant.EPOCH).containsAll(keys));
      assertEquals(1, kiln.subscriptionCount());
      assertEquals(tags.size(), kiln.monitoredItemCount());

      Instant stopped = Instant.now();
      kiln.stop();
      await().atMost(Duration.ofSeconds(15)).until(() -> noCommunicationSince(sink, stopped).containsAll(keys));
      Instant allBad = Instant.now();
      // Detection of a closed connection is immediate; the rest is the configured time.
      assertTrue(Duration.between(stopped, allBad).compareTo(BAD_AFTER.plusSeconds(5)) < 0,
          "tags went BAD only after " + Duration.between(stopped, allBad));
      assertTrue(sink.linkStates().contains(LinkState.DISCONNECTED));

      Instant restarted = Instant.now();
      kiln.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> goodSince(sink, restarted).containsAll(keys));
      assertEquals(LinkState.CONNECTED, driver.state());
      // Nothing created twice, and nothing left behind, however the session came back.
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
          .until(() -> kiln.subscriptionCount() == 1 && kiln.monitoredItemCount() == tags.size());
    }
  }

  @Test
  void aPlcAwayLongerThanMilosRetriesIsReconnectedWithTheDriversBackoff() {
    SimulatedPlc kiln = plant.plc("RHK01");
    List<TagSpec> tags = List.of(tag("heartbeat", HEARTBEAT));
    var spec = connection(kiln.endpointUrl(), subscription(tags)).withLimits(BAD_AFTER, 0, 0);
    var sink = new CollectingSink();
    try (var logs = new LogCapture(OpcUaDriver.class); var driver = new OpcUaDriver(spec)) {
      driver.start(sink);
      await().atMost(Duration.ofSeconds(20)).until(() -> goodSince(sink, Instant.EPOCH).contains("heartbeat"));
      kiln.stop();
      await().atMost(OpcUaDriver.TAKE_OVER_AFTER.plusSeconds(30)).until(() -> logs.messages(
          ch.qos.logback.classic.Level.WARN).stream().anyMatch(m -> m.contains("closing that session")));

      Instant restarted = Instant.now();
      kiln.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> goodSince(sink, restarted).contains("heartbeat"));
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
          .until(() -> kiln.subscriptionCount() == 1 && kiln.monitoredItemCount() == 1);
    }
  }

  private static Set<String> goodSince(CollectingSink sink, Instant t) {
    return sink.samples().stream().filter(s -> s.receivedAt().isAfter(t))
        .filter(s -> s.status().isGood()).map(Sample::tag).collect(Collectors.toSet());
  }

  private static Set<String> noCommunicationSince(CollectingSink sink, Instant t) {
    return sink.samples().stream().filter(s -> s.receivedAt().isAfter(t))
        .filter(s -> s.status().code() == NO_COMMUNICATION).map(Sample::tag)
        .collect(Collectors.toSet());
  }
}
