package io.floorgate.sparkplug;

import static io.floorgate.testkit.TestPlant.KILN;
import static io.floorgate.testkit.TestPlant.MIXER;
import static io.floorgate.testkit.TestPlant.NODE;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.Floorgate;
import io.floorgate.config.GatewayConfig;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import io.floorgate.sparkplug.SparkplugHost.Received;
import io.floorgate.testkit.TestPlant;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The edge node's session as a host sees it, on the shared Mosquitto: births, DATA, seq and
 * rebirth. Each test has a group of its own; the simulated PLCs are shared.
 */
@Timeout(180)
class SparkplugSessionTest {

  static final String BROKER = "tcp://127.0.0.1:1883";
  static final Duration WAIT = Duration.ofSeconds(60);

  static SimulatedPlant plant;

  String group;
  SparkplugHost host;
  Floorgate gateway;

  @BeforeAll
  static void startPlant() {
    plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 11, 0, 1.0));
  }

  @AfterAll
  static void stopPlant() {
    plant.close();
  }

  @BeforeEach
  void startHostAndGateway() throws Exception {
    group = TestPlant.uniqueGroup();
    host = SparkplugHost.connect(BROKER, group);
  }

  void startGateway(String extra) throws Exception {
    GatewayConfig config = TestPlant.sparkplug(plant, group, List.of(BROKER), extra);
    gateway = Floorgate.start(config);
  }

  @AfterEach
  void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    host.close();
    assertEquals(List.of(), host.decodeFailures());
  }

  Received awaitBirths() {
    Received nbirth = host.await("NBIRTH", null, 0, WAIT);
    host.await("DBIRTH", KILN, 0, WAIT);
    host.await("DBIRTH", MIXER, 0, WAIT);
    return nbirth;
  }

  @Test
  void nbirthHasSeqZeroTheConnectionsBdSeqAndAnUnaliasedRebirthControl() throws Exception {
    startGateway("");
    Received nbirth = host.await("NBIRTH", null, 0, WAIT);

    assertEquals("spBv1.0/" + group + "/NBIRTH/" + NODE, nbirth.topic());
    assertEquals(0L, nbirth.seq());
    assertEquals(gateway.output(SparkplugOutput.class).node().bdSeq(), nbirth.bdSeq());
    Metric rebirth = nbirth.metric(Payloads.REBIRTH).orElseThrow();
    assertEquals(MetricDataType.Boolean, rebirth.getDataType());
    assertEquals(false, rebirth.getValue());
    assertFalse(rebirth.hasAlias(), "Node Control/Rebirth must never be aliased");
    assertEquals(MetricDataType.Int64, nbirth.metric(Payloads.BD_SEQ).orElseThrow().getDataType());
    assertNotNull(nbirth.payload().getTimestamp());
  }

  @Test
  void everyDeviceBirthListsEveryTagWithNameAliasDatatypeValueAndTimestamp() throws Exception {
    startGateway("");
    awaitBirths();
    GatewayConfig config = gateway.config();
    Set<Long> aliases = new HashSet<>();
    for (String device : List.of(KILN, MIXER)) {
      Received dbirth = host.of("DBIRTH").stream()
          .filter(m -> device.equals(m.device())).findFirst().orElseThrow();
      List<Metric> metrics = dbirth.payload().getMetrics();
      assertEquals(TestPlant.metricNames(config, device),
          metrics.stream().map(Metric::getName).toList(), device);
      for (Metric m : metrics) {
        assertTrue(m.hasAlias(), m.getName() + " has an alias");
        assertTrue(aliases.add(m.getAlias()), "alias " + m.getAlias() + " is unique");
        assertNotNull(m.getDataType(), m.getName());
        assertNotNull(m.getTimestamp(), m.getName());
      }
    }
    Map<String, Metric> kiln = host.of("DBIRTH").stream().filter(m -> KILN.equals(m.device()))
        .findFirst().orElseThrow().payload().getMetrics().stream()
        .collect(Collectors.toMap(Metric::getName, m -> m));
    // The PLC variable's DataType (Int32), not the type of its first value.
    assertEquals(MetricDataType.Int32, kiln.get("rhk01/heartbeat").getDataType());
    assertEquals(MetricDataType.Double, kiln.get(TestPlant.TEMPERATURE).getDataType());
    assertEquals(MetricDataType.Int32, kiln.get(TestPlant.TC_OPEN_ZONE).getDataType());
    assertEquals(MetricDataType.Boolean, kiln.get("rhk01/running").getDataType());
    assertTrue(kiln.get(TestPlant.TEMPERATURE).getValue() instanceof Double d && d > 200,
        () -> "zone 03 temperature in its birth: " + kiln.get(TestPlant.TEMPERATURE));
  }

  @Test
  void seqIsContinuousAcrossEveryMessageAndWrapsFrom255ToZero() throws Exception {
    startGateway("");
    Received nbirth = host.await("NBIRTH", null, 0, WAIT);
    await().atMost(Duration.ofSeconds(120)).until(() -> host.after(nbirth).size() >= 300);

    List<Received> session = host.messages().stream()
        .filter(m -> m.order() >= nbirth.order()).toList();
    assertEquals(0L, session.get(0).seq());
    boolean wrapped = false;
    for (int i = 1; i < session.size(); i++) {
      long expected = (session.get(i - 1).seq() + 1) % 256;
      assertEquals(expected, session.get(i).seq(), "seq of message " + i + " ("
          + session.get(i).topic() + ") follows " + session.get(i - 1).seq());
      wrapped |= session.get(i).seq() == 0;
    }
    assertTrue(wrapped, "seq wrapped from 255 to 0 within " + session.size() + " messages");
  }

  @Test
  void dataCarriesAliasesOnlyAndNoDatatypes() throws Exception {
    startGateway("");
    awaitBirths();
    await().atMost(WAIT).until(() -> host.of("DDATA").size() >= 20);

    for (Received ddata : host.of("DDATA")) {
      assertTrue(ddata.qos() == 0 && !ddata.retained(), "DDATA is QoS 0, not retained");
      for (Metric m : ddata.payload().getMetrics()) {
        assertTrue(m.hasAlias(), "alias in DDATA");
        assertNull(m.getName(), "no name in DDATA: " + m.getName());
      }
    }
    // A host decodes DATA with the birth's types: none were sent, yet every value decoded.
    assertTrue(host.of("DDATA").stream().flatMap(d -> d.payload().getMetrics().stream())
        .allMatch(m -> m.getDataType() != null));
  }

  @Test
  void dataNeverCarriesAMetricMissingFromItsDeviceBirth() throws Exception {
    startGateway("");
    awaitBirths();
    await().atMost(WAIT).until(() -> host.of("DDATA").size() >= 30);

    for (Received ddata : host.of("DDATA")) {
      Received birth = host.messages().stream()
          .filter(m -> m.type().equals("DBIRTH") && ddata.device().equals(m.device()))
          .filter(m -> m.order() < ddata.order())
          .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("DDATA before DBIRTH"));
      Set<Long> born = birth.payload().getMetrics().stream().map(Metric::getAlias)
          .collect(Collectors.toSet());
      for (Metric m : ddata.payload().getMetrics()) {
        assertTrue(born.contains(m.getAlias()), "alias " + m.getAlias() + " of "
            + ddata.topic() + " is in the device's birth");
      }
    }
  }

  @Test
  void birthsAndDataArePublishedAtQosZeroNotRetained() throws Exception {
    startGateway("");
    awaitBirths();

    for (Received m : host.messages()) {
      assertEquals(0, m.qos(), m.topic());
      assertFalse(m.retained(), m.topic());
    }
  }

  @Test
  void rebirthRequestRepeatsNbirthAndEveryDbirthWithTheSameBdSeq() throws Exception {
    startGateway("");
    Received first = awaitBirths();
    int before = host.lastOrder();

    host.sendNodeCommand(NODE, new Metric.MetricBuilder(Payloads.REBIRTH, MetricDataType.Boolean,
        true).createMetric());

    Received again = host.await("NBIRTH", null, before, WAIT);
    assertEquals(first.bdSeq(), again.bdSeq());
    assertEquals(0L, again.seq());
    Received kiln = host.await("DBIRTH", KILN, again.order(), WAIT);
    Received mixer = host.await("DBIRTH", MIXER, again.order(), WAIT);
    // Births follow the NBIRTH with nothing between them.
    assertEquals(Set.of(again.order() + 1, again.order() + 2),
        Set.of(kiln.order(), mixer.order()));
    assertEquals(1L, gateway.output(SparkplugOutput.class).node().rebirths());
  }

  @Test
  void withoutAliasesBirthsAndDataCarryNames() throws Exception {
    startGateway("aliases: false");
    awaitBirths();
    await().atMost(WAIT).until(() -> host.of("DDATA").size() >= 5);

    assertTrue(host.of("DBIRTH").stream().flatMap(b -> b.payload().getMetrics().stream())
        .noneMatch(Metric::hasAlias));
    assertTrue(host.of("DDATA").stream().flatMap(b -> b.payload().getMetrics().stream())
        .allMatch(m -> m.getName() != null && !m.hasAlias()));
  }
}
