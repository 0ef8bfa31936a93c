package io.floorgate.sparkplug;

import static io.floorgate.testkit.TestPlant.KILN;
import static io.floorgate.testkit.TestPlant.MIXER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.Floorgate;
import io.floorgate.sim.PlcWriter;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import io.floorgate.sparkplug.SparkplugHost.Received;
import io.floorgate.testkit.TestPlant;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.PropertyValue;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the host sees when a PLC fails: a restart (DDEATH, then DBIRTH when it is back, DATA after
 * that) and an open thermocouple (the metric's Quality property BAD, then GOOD again).
 */
@Timeout(180)
class PlcFaultsTest {

  static final String BROKER = "tcp://127.0.0.1:1883";
  static final Duration WAIT = Duration.ofSeconds(60);

  SimulatedPlant plant;
  SparkplugHost host;
  Floorgate gateway;
  Received nbirth;
  Received kilnBirth;

  @BeforeEach
  void start() throws Exception {
    plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 15, 0, 1.0));
    String group = TestPlant.uniqueGroup();
    host = SparkplugHost.connect(BROKER, group);
    gateway = Floorgate.start(TestPlant.sparkplug(plant, group, List.of(BROKER), ""));
    nbirth = host.await("NBIRTH", null, 0, WAIT);
    kilnBirth = host.await("DBIRTH", KILN, 0, WAIT);
    host.await("DBIRTH", MIXER, 0, WAIT);
  }

  @AfterEach
  void stop() throws Exception {
    gateway.close();
    host.close();
    plant.close();
  }

  @Test
  void plcRestartGivesDdeathThenDbirthAndTheSessionGoesOn() throws Exception {
    plant.stop("RHK01");
    Received death = host.await("DDEATH", KILN, kilnBirth.order(), WAIT);
    // The mixer lives on meanwhile.
    host.await("DDATA", MIXER, death.order(), WAIT);

    plant.start("RHK01");
    Received rebirth = host.await("DBIRTH", KILN, death.order(), WAIT);
    host.await("DDATA", KILN, rebirth.order(), WAIT);

    assertEquals(kilnBirth.payload().getMetrics().size(), rebirth.payload().getMetrics().size());
    assertTrue(host.messages().stream().filter(m -> KILN.equals(m.device()))
        .filter(m -> m.order() > death.order() && m.order() < rebirth.order())
        .noneMatch(m -> m.type().equals("DDATA")), "no DDATA of a dead device");
    assertEquals(1, host.of("NBIRTH").size(), "the node's session goes on");
    List<Received> session = host.messages();
    for (int i = 1; i < session.size(); i++) {
      assertEquals((session.get(i - 1).seq() + 1) % 256, session.get(i).seq(),
          "seq continues across the PLC restart at " + session.get(i).topic());
    }
  }

  @Test
  void rebirthAfterPlcRestartCarriesValuesReadSinceTheLinkCameBack() throws Exception {
    plant.stop("RHK01");
    Received death = host.await("DDEATH", KILN, kilnBirth.order(), WAIT);
    plant.start("RHK01");
    Received rebirth = host.await("DBIRTH", KILN, death.order(), WAIT);

    // A strict host takes the birth as the device's state: no placeholder the DATA then mends.
    for (Metric m : rebirth.payload().getMetrics()) {
      assertFalse(m.isNull(), "a value in the rebirth: " + m.getName());
      Integer quality = quality(m);
      assertTrue(quality == null || quality == 192, "quality of " + m.getName() + ": " + quality);
      // Read from the restarted PLC, not the last value before it went away.
      assertFalse(m.getTimestamp().before(death.payload().getTimestamp()),
          m.getName() + " at " + m.getTimestamp().toInstant() + " is older than the DDEATH at "
              + death.payload().getTimestamp().toInstant());
    }
    assertEquals(kilnBirth.payload().getMetrics().size(), rebirth.payload().getMetrics().size());
  }

  @Test
  void openThermocoupleIsSentWithQualityBadThenGoodWhenItRecovers() throws Exception {
    long tcA = kilnBirth.metric(TestPlant.TC_A).orElseThrow().getAlias();
    try (PlcWriter writer = PlcWriter.connect(plant.plc("RHK01").endpointUrl())) {
      writer.write(TestPlant.TC_OPEN_ZONE_NODE, 3);
      Metric bad = awaitData(tcA, 0, kilnBirth.order());
      assertTrue(bad.isNull(), "a BAD value is sent as is_null: " + bad);

      writer.write(TestPlant.TC_OPEN_ZONE_NODE, 0);
      Metric good = awaitData(tcA, 192, kilnBirth.order());
      assertTrue(good.getValue() instanceof Double, "a value again: " + good);
    } finally {
      try (PlcWriter writer = PlcWriter.connect(plant.plc("RHK01").endpointUrl())) {
        writer.write(TestPlant.TC_OPEN_ZONE_NODE, 0);
      }
    }
  }

  /** The first DDATA value of {@code alias} whose Quality property is {@code quality}. */
  Metric awaitData(long alias, int quality, int since) {
    Predicate<Metric> wanted = x -> x.getAlias() == alias
        && Integer.valueOf(quality).equals(quality(x));
    Received data = host.await(m -> m.type().equals("DDATA")
        && m.payload().getMetrics().stream().anyMatch(wanted), since, WAIT);
    return data.payload().getMetrics().stream().filter(wanted).findFirst().orElseThrow();
  }

  static @Nullable Integer quality(Metric m) {
    PropertyValue value = m.getProperties() == null ? null
        : m.getProperties().getPropertyValue(Payloads.QUALITY);
    return value == null ? null : (Integer) value.getValue();
  }
}
