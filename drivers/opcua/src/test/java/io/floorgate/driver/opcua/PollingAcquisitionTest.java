package io.floorgate.driver.opcua;

import static io.floorgate.driver.opcua.Specs.HEARTBEAT;
import static io.floorgate.driver.opcua.Specs.connection;
import static io.floorgate.driver.opcua.Specs.polling;
import static io.floorgate.driver.opcua.Specs.tag;
import static io.floorgate.driver.opcua.Specs.with;
import static io.floorgate.driver.opcua.Specs.zonePvs;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.driver.Sample;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class PollingAcquisitionTest {

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
  void pollingGroupDeliversValuesAtThePollInterval() {
    var sink = new CollectingSink();
    var spec = connection(rhk01, polling(Duration.ofMillis(250), with(zonePvs(), tag("heartbeat", HEARTBEAT))));

    try (var driver = new OpcUaDriver(spec)) {
      driver.start(sink);
      await().atMost(Duration.ofSeconds(15)).until(() -> sink.samplesFor("heartbeat").size() >= 9);

      List<Sample> beats = sink.samplesFor("heartbeat");
      List<Long> gapsMs = new ArrayList<>();
      for (int i = 2; i < beats.size(); i++) { // the first poll runs as soon as connected
        gapsMs.add(Duration.between(beats.get(i - 1).receivedAt(), beats.get(i).receivedAt()).toMillis());
      }
      Collections.sort(gapsMs);
      long median = gapsMs.get(gapsMs.size() / 2);
      assertTrue(median >= 200 && median <= 300, "median gap " + median + " ms, gaps " + gapsMs);
      // Every poll reads every tag, and the heartbeat moves on between polls.
      assertTrue(zonePvs().stream().allMatch(t -> sink.samplesFor(t.key()).size() >= 8));
      for (int i = 1; i < beats.size(); i++) {
        assertTrue((Long) beats.get(i).value() > (Long) beats.get(i - 1).value(), beats.toString());
      }
    }
  }

  @Test
  void pollingGroupChunksReadsBySmallLimit() {
    var sink = new CollectingSink();
    var spec = connection(rhk01, polling(Duration.ofMillis(200), zonePvs()));

    try (var driver = new OpcUaDriver(spec, DriverOptions.defaults().withChunks(0, 5))) {
      driver.start(sink);
      await().atMost(Duration.ofSeconds(15)).until(() -> pollingGroup(driver).completedPolls() >= 3);
      driver.close();

      PollingGroup group = pollingGroup(driver);
      long polls = group.completedPolls();
      long reads = group.readRequests();
      // 12 nodes in reads of at most 5: three reads a poll (one poll may have been cut short by close).
      assertTrue(reads >= 3 * polls && reads <= 3 * (polls + 1), reads + " reads for " + polls + " polls");
      for (var t : zonePvs()) {
        assertTrue(sink.samplesFor(t.key()).size() >= polls, t.key());
        assertTrue(sink.samplesFor(t.key()).stream().allMatch(s -> s.status().isGood()), t.key());
      }
    }
  }

  @Test
  void unknownNodeIsPolledAsBadWhileTheOthersAreGood() {
    var sink = new CollectingSink();
    var spec = connection(rhk01, polling(Duration.ofMillis(200), List.of(
        tag("heartbeat", HEARTBEAT), tag("missing", "ns=2;s=RHK01.DoesNotExist"))));

    try (var driver = new OpcUaDriver(spec)) {
      driver.start(sink);
      await().atMost(Duration.ofSeconds(15)).until(() -> sink.samplesFor("missing").size() >= 2);

      for (Sample s : sink.samplesFor("missing")) {
        assertEquals("Bad_NodeIdUnknown", s.status().name());
        assertNull(s.value());
      }
      assertTrue(sink.samplesFor("heartbeat").stream().allMatch(s -> s.status().isGood()));
    }
  }

  @Test
  void pollThatOutlastsTheIntervalSkipsTicksInsteadOfPilingUp() {
    var sink = new CollectingSink();
    // 12 sequential one-node reads cannot finish within 1 ms.
    var spec = connection(rhk01, polling(Duration.ofMillis(1), zonePvs()));

    try (var driver = new OpcUaDriver(spec, DriverOptions.defaults().withChunks(0, 1))) {
      driver.start(sink);
      await().atMost(Duration.ofSeconds(15)).until(() -> pollingGroup(driver).completedPolls() >= 5
          && pollingGroup(driver).skippedTicks() > 0);
      driver.close();

      PollingGroup group = pollingGroup(driver);
      assertTrue(group.readRequests() <= 12 * (group.completedPolls() + 1),
          "reads overlapped: " + group.readRequests() + " reads for " + group.completedPolls() + " polls");
    }
  }

  private static PollingGroup pollingGroup(OpcUaDriver driver) {
    return (PollingGroup) driver.groups().get(0);
  }
}
