package io.floorgate.driver.opcua;

import static io.floorgate.driver.opcua.Specs.HEARTBEAT;
import static io.floorgate.driver.opcua.Specs.connection;
import static io.floorgate.driver.opcua.Specs.subscription;
import static io.floorgate.driver.opcua.Specs.tag;
import static io.floorgate.driver.opcua.Specs.with;
import static io.floorgate.driver.opcua.Specs.zonePvs;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.floorgate.driver.LinkState;
import io.floorgate.driver.Sample;
import io.floorgate.sim.PlcWriter;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import java.time.Duration;
import java.util.List;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(60)
class SubscriptionAcquisitionTest {

  private static final String TC_OPEN_ZONE = "ns=2;s=RHK01.Faults.TcOpenZone";

  private static SimulatedPlant plant;
  private static String rhk01;

  @BeforeAll
  static void startPlant() {
    plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 42, 0, 1.0));
    rhk01 = plant.plc("RHK01").endpointUrl();
  }

  @AfterAll
  static void stopPlant() {
    plant.close();
  }

  @Test
  void subscriptionGroupDeliversZoneValuesAndIncreasingHeartbeat() {
    var sink = new CollectingSink();
    var spec = connection(rhk01, subscription(with(zonePvs(), tag("heartbeat", HEARTBEAT))));

    try (var driver = new OpcUaDriver(spec)) {
      driver.start(sink);

      await().atMost(Duration.ofSeconds(15)).until(() -> sink.samplesFor("heartbeat").size() >= 10
          && zonePvs().stream().allMatch(t -> !sink.samplesFor(t.key()).isEmpty()));

      assertEquals(LinkState.CONNECTED, driver.state());
      for (var t : zonePvs()) {
        Sample first = sink.samplesFor(t.key()).get(0);
        assertTrue(first.status().isGood(), first.toString());
        assertInstanceOf(Double.class, first.value());
        double celsius = (Double) first.value();
        assertTrue(celsius > 100 && celsius < 900, "implausible kiln temperature " + first);
        assertNotNull(first.sourceTime());
        assertEquals("rhk01", first.connection());
      }
      List<Long> beats = sink.samplesFor("heartbeat").stream().map(s -> (Long) s.value()).toList();
      for (int i = 1; i < beats.size(); i++) {
        assertTrue(beats.get(i) > beats.get(i - 1), "heartbeat not increasing: " + beats);
      }
    }
  }

  /**
   * Start-up, again and again: with the Read of the current values (a group that fits in one
   * Read) and without (one node per Read), the heartbeat rises strictly from its first value —
   * the Read and the server's first, possibly queued, notifications never show an older value
   * after a newer one, nor the same one twice.
   */
  @ParameterizedTest(name = "nodes per read: {0}")
  @ValueSource(ints = {0, 1})
  void heartbeatRisesStrictlyFromItsFirstValueOnEveryStart(int nodesPerRead) {
    var spec = connection(rhk01, subscription(List.of(
        tag("heartbeat", HEARTBEAT), tag("zone01.pv", "ns=2;s=RHK01.Zone01.TempPV"))));
    for (int start = 0; start < 3; start++) {
      var sink = new CollectingSink();
      try (var driver = new OpcUaDriver(spec, DriverOptions.defaults().withChunks(0, nodesPerRead))) {
        driver.start(sink);
        await().atMost(Duration.ofSeconds(15)).until(() -> sink.samplesFor("heartbeat").size() >= 5);
      }
      List<Long> beats = sink.samplesFor("heartbeat").stream().map(s -> (Long) s.value()).toList();
      for (int i = 1; i < beats.size(); i++) {
        assertTrue(beats.get(i) > beats.get(i - 1), "start " + start + ": heartbeat not increasing: " + beats);
      }
    }
  }

  @Test
  void openThermocoupleReportsSensorFailureForThatThermocoupleOnly() throws Exception {
    var sink = new CollectingSink();
    var spec = connection(rhk01, subscription(List.of(
        tag("zone02.tc_a", "ns=2;s=RHK01.Zone02.TC_A"),
        tag("zone03.tc_a", "ns=2;s=RHK01.Zone03.TC_A"),
        tag("zone03.tc_b", "ns=2;s=RHK01.Zone03.TC_B"),
        tag("zone04.tc_a", "ns=2;s=RHK01.Zone04.TC_A"))));
    List<String> healthy = List.of("zone02.tc_a", "zone03.tc_b", "zone04.tc_a");

    try (var writer = PlcWriter.connect(rhk01); var driver = new OpcUaDriver(spec)) {
      driver.start(sink);
      await().atMost(Duration.ofSeconds(15)).until(() -> !sink.samplesFor("zone03.tc_a").isEmpty());
      assertTrue(sink.samplesFor("zone03.tc_a").get(0).status().isGood());

      try {
        writer.write(TC_OPEN_ZONE, 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.samplesFor("zone03.tc_a").stream()
            .anyMatch(s -> s.status().name().equals("Bad_SensorFailure")));
        int[] seen = healthy.stream().mapToInt(t -> sink.samplesFor(t).size()).toArray();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
          for (int i = 0; i < seen.length; i++) {
            if (sink.samplesFor(healthy.get(i)).size() < seen[i] + 3) {
              return false;
            }
          }
          return true;
        });
      } finally {
        writer.write(TC_OPEN_ZONE, 0);
      }

      Sample open = sink.samplesFor("zone03.tc_a").stream()
          .filter(s -> s.status().isBad()).findFirst().orElseThrow();
      assertEquals("Bad_SensorFailure", open.status().name());
      for (String t : healthy) {
        assertTrue(sink.samplesFor(t).stream().allMatch(s -> s.status().isGood()), t + " went bad");
      }
      // Clearing the fault brings the thermocouple back.
      await().atMost(Duration.ofSeconds(10)).until(() -> {
        List<Sample> tc = sink.samplesFor("zone03.tc_a");
        return tc.get(tc.size() - 1).status().isGood();
      });
    }
  }

  @Test
  void unknownNodeIsReportedBadOnceWhileTheOtherTagsKeepFlowing() {
    var sink = new CollectingSink();
    var spec = connection(rhk01, subscription(List.of(
        tag("heartbeat", HEARTBEAT),
        tag("missing", "ns=2;s=RHK01.DoesNotExist"),
        tag("zone01.pv", "ns=2;s=RHK01.Zone01.TempPV"))));

    try (var logs = new LogCapture(SubscriptionGroup.class); var driver = new OpcUaDriver(spec)) {
      driver.start(sink);

      await().atMost(Duration.ofSeconds(15)).until(() -> !sink.samplesFor("missing").isEmpty());
      int beatsWhenReported = sink.samplesFor("heartbeat").size();
      await().atMost(Duration.ofSeconds(10))
          .until(() -> sink.samplesFor("heartbeat").size() >= beatsWhenReported + 5);

      List<Sample> missing = sink.samplesFor("missing");
      assertEquals(1, missing.size(), missing.toString());
      assertEquals("Bad_NodeIdUnknown", missing.get(0).status().name());
      assertTrue(missing.get(0).status().isBad());
      assertNull(missing.get(0).value());
      assertTrue(sink.samplesFor("zone01.pv").stream().allMatch(s -> s.status().isGood()));
      List<String> warnings = logs.messages(Level.WARN).stream().filter(w -> w.contains("'missing'")).toList();
      assertEquals(1, warnings.size(), warnings.toString());
      assertTrue(warnings.get(0).contains("RHK01.DoesNotExist") && warnings.get(0).contains("Bad_NodeIdUnknown"));
    }
  }

  @Test
  void monitoredItemsAreCreatedInChunksOfTheConfiguredSize() {
    var sink = new CollectingSink();
    var spec = connection(rhk01, subscription(with(zonePvs(), tag("heartbeat", HEARTBEAT))));
    var options = DriverOptions.defaults().withChunks(2, 0);

    try (var miloLog = new LogCapture(OpcUaSubscription.class, Level.DEBUG);
        var driver = new OpcUaDriver(spec, options)) {
      driver.start(sink);

      await().atMost(Duration.ofSeconds(15))
          .until(() -> with(zonePvs(), tag("heartbeat", HEARTBEAT)).stream()
              .allMatch(t -> !sink.samplesFor(t.key()).isEmpty()));

      // Milo logs each CreateMonitoredItems call with its size: 13 items in calls of at most 2.
      List<Integer> calls = miloLog.messages(Level.DEBUG).stream()
          .filter(m -> m.contains("createMonitoredItems partition.size()"))
          .map(m -> Integer.parseInt(m.substring(m.lastIndexOf(' ') + 1)))
          .toList();
      assertEquals(List.of(2, 2, 2, 2, 2, 2, 1), calls);
    }
  }
}
