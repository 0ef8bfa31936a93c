package io.floorgate.driver.opcua;

import static io.floorgate.driver.opcua.Specs.HEARTBEAT;
import static io.floorgate.driver.opcua.Specs.connection;
import static io.floorgate.driver.opcua.Specs.tag;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.floorgate.driver.AcquisitionMode;
import io.floorgate.driver.Deadband;
import io.floorgate.driver.TagGroupSpec;
import io.floorgate.driver.TagSpec;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class DeadbandTest {

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
  void absoluteDeadbandReportsOnlyChangesLargerThanIt() {
    var sink = new CollectingSink();
    var every = group("every", null, List.of(tag("beat", HEARTBEAT)));
    var coarse = group("coarse", new Deadband(Deadband.Kind.ABSOLUTE, 5), List.of(tag("beat.coarse", HEARTBEAT)));

    try (var driver = new OpcUaDriver(connection(rhk01, every, coarse))) {
      driver.start(sink);
      await().atMost(Duration.ofSeconds(20)).until(() -> sink.samplesFor("beat.coarse").size() >= 4);

      List<Long> coarseBeats = sink.samplesFor("beat.coarse").stream().map(s -> (Long) s.value()).toList();
      for (int i = 1; i < coarseBeats.size(); i++) {
        assertTrue(coarseBeats.get(i) - coarseBeats.get(i - 1) > 5, "deadband 5 let through " + coarseBeats);
      }
      assertTrue(sink.samplesFor("beat").size() > 3 * coarseBeats.size(),
          "the group without deadband should see every step");
    }
  }

  @Test
  void deadbandTheServerRefusesForABooleanIsDroppedForThatTagOnly() {
    var sink = new CollectingSink();
    var kiln = group("kiln", new Deadband(Deadband.Kind.ABSOLUTE, 0.5), List.of(
        tag("running", "ns=2;s=RHK01.Running"), tag("zone05.pv", "ns=2;s=RHK01.Zone05.TempPV")));

    try (var logs = new LogCapture(SubscriptionGroup.class); var driver = new OpcUaDriver(connection(rhk01, kiln))) {
      driver.start(sink);
      await().atMost(Duration.ofSeconds(15)).until(() -> !sink.samplesFor("running").isEmpty()
          && !sink.samplesFor("zone05.pv").isEmpty());

      assertTrue(sink.samplesFor("running").get(0).status().isGood());
      assertInstanceOf(Boolean.class, sink.samplesFor("running").get(0).value());
      List<String> warnings = logs.messages(Level.WARN);
      assertEquals(1, warnings.size(), warnings.toString());
      assertTrue(warnings.get(0).contains("'running'") && warnings.get(0).contains("Bad_FilterNotAllowed"));
    }
  }

  private static TagGroupSpec group(String name, @Nullable Deadband deadband, List<TagSpec> tags) {
    return new TagGroupSpec(name, AcquisitionMode.SUBSCRIPTION, Duration.ofMillis(100),
        Duration.ofMillis(100), 10, deadband, Duration.ofSeconds(1), tags);
  }
}
