package io.floorgate.sparkplug;

import static io.floorgate.testkit.TestPlant.KILN;
import static io.floorgate.testkit.TestPlant.NODE;
import static io.floorgate.testkit.TestPlant.SETPOINT;
import static io.floorgate.testkit.TestPlant.SETPOINT_NODE;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.Floorgate;
import io.floorgate.sim.PlcWriter;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import io.floorgate.sparkplug.SparkplugHost.Received;
import io.floorgate.testkit.TestPlant;
import java.time.Duration;
import java.util.List;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.Metric.MetricBuilder;
import org.eclipse.tahu.message.model.MetricDataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * DCMD writes from a host, checked against the config, reaching the simulated PLC (read back with
 * a plain OPC UA client) or refused, each with its audit line.
 */
@Timeout(180)
class DeviceCommandTest {

  static final String BROKER = "tcp://127.0.0.1:1883";
  static final Duration WAIT = Duration.ofSeconds(60);

  static SimulatedPlant plant;

  String group;
  SparkplugHost host;
  Floorgate gateway;
  AuditLog audit;
  Received kilnBirth;
  double setpointBefore;

  @BeforeAll
  static void startPlant() {
    plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 14, 0, 1.0));
  }

  @AfterAll
  static void stopPlant() {
    plant.close();
  }

  @BeforeEach
  void start() throws Exception {
    group = TestPlant.uniqueGroup();
    host = SparkplugHost.connect(BROKER, group);
    audit = new AuditLog();
    gateway = Floorgate.start(TestPlant.sparkplug(plant, group, List.of(BROKER), ""));
    kilnBirth = host.await("DBIRTH", KILN, 0, WAIT);
    setpointBefore = (Double) read(SETPOINT_NODE);
  }

  @AfterEach
  void stop() throws Exception {
    gateway.close();
    host.close();
    audit.close();
    try (PlcWriter writer = PlcWriter.connect(plant.plc("RHK01").endpointUrl())) {
      writer.write(SETPOINT_NODE, setpointBefore);
      writer.write(TestPlant.TC_OPEN_ZONE_NODE, 0);
    }
  }

  long alias(String metric) {
    return kilnBirth.metric(metric).orElseThrow().getAlias();
  }

  Object read(String node) throws Exception {
    try (PlcWriter reader = PlcWriter.connect(plant.plc("RHK01").endpointUrl())) {
      return reader.read(node);
    }
  }

  void command(Metric metric, boolean stripTypes) throws Exception {
    host.sendDeviceCommand(NODE, KILN, stripTypes, metric);
  }

  /** Starts the gateway again with {@code lines} in its {@code sparkplug:} section. */
  void restartWith(String lines) throws Exception {
    gateway.close();
    int since = host.lastOrder();
    gateway = Floorgate.start(TestPlant.sparkplug(plant, group, List.of(BROKER), lines));
    kilnBirth = host.await("DBIRTH", KILN, since, WAIT);
  }

  /** {@code count} writes of the setpoint the PLC has now: harmless however many get through. */
  Metric[] sameSetpoint(int count) throws Exception {
    Metric[] metrics = new Metric[count];
    for (int i = 0; i < count; i++) {
      metrics[i] = new MetricBuilder(alias(SETPOINT), MetricDataType.Double, setpointBefore)
          .createMetric();
    }
    return metrics;
  }

  NodeCounters counters() {
    return gateway.output(SparkplugOutput.class).node().counters();
  }

  @Test
  void acceptedSetpointWriteReachesThePlcVariable() throws Exception {
    double wanted = setpointBefore == 655.0 ? 640.0 : 655.0;

    command(new MetricBuilder(alias(SETPOINT), MetricDataType.Double, wanted).createMetric(), true);

    await().atMost(WAIT).until(() -> Double.valueOf(wanted).equals(read(SETPOINT_NODE)));
    await().atMost(WAIT).until(() -> gateway.output(SparkplugOutput.class).node().writesDone() == 1);
    assertTrue(audit.has("INFO", "wrote " + wanted + " to rhk01 '" + SETPOINT + "'"), audit::text);
    // The host sees the new setpoint come back as DATA.
    host.await(m -> m.type().equals("DDATA") && m.payload().getMetrics().stream()
        .anyMatch(x -> x.getAlias() == alias(SETPOINT) && Double.valueOf(wanted)
            .equals(x.getValue())), kilnBirth.order(), WAIT);
  }

  @Test
  void acceptedIntegerWriteByNameReachesTheFaultSwitch() throws Exception {
    command(new MetricBuilder(TestPlant.TC_OPEN_ZONE, MetricDataType.Int32, 3).createMetric(),
        false);

    await().atMost(WAIT).until(() -> Integer.valueOf(3).equals(read(TestPlant.TC_OPEN_ZONE_NODE)));
    assertTrue(audit.has("wrote 3 to rhk01 '" + TestPlant.TC_OPEN_ZONE + "' (int32"), audit::text);
  }

  @Test
  void writeToAReadOnlyTagIsRefused() throws Exception {
    command(new MetricBuilder(alias(TestPlant.TEMPERATURE), MetricDataType.Double, 100.0)
        .createMetric(), true);

    await().atMost(WAIT).until(() -> gateway.output(SparkplugOutput.class).node().commandsRefused() == 1);
    assertTrue(audit.has("WARN", TestPlant.TEMPERATURE, "refused", "not writable"), audit::text);
    assertEquals(0, gateway.output(SparkplugOutput.class).node().writesDone());
  }

  @Test
  void writeOutsideTheConfiguredRangeIsRefusedAndThePlcKeepsItsValue() throws Exception {
    command(new MetricBuilder(alias(SETPOINT), MetricDataType.Double, 5000.0).createMetric(),
        true);

    await().atMost(WAIT).until(() -> gateway.output(SparkplugOutput.class).node().commandsRefused() == 1);
    assertTrue(audit.has("WARN", SETPOINT, "5000.0", "outside the tag's range 0..1100"),
        audit::text);
    assertEquals(setpointBefore, read(SETPOINT_NODE));
  }

  @Test
  void writeOfTheWrongTypeIsRefusedAndThePlcKeepsItsValue() throws Exception {
    command(new MetricBuilder(alias(SETPOINT), MetricDataType.String, "hot").createMetric(),
        false);

    await().atMost(WAIT).until(() -> gateway.output(SparkplugOutput.class).node().commandsRefused() == 1);
    assertTrue(audit.has("WARN", SETPOINT, "takes a number (double)", "\"hot\""), audit::text);
    assertEquals(setpointBefore, read(SETPOINT_NODE));
  }

  @Test
  void fractionToAnIntegerTagIsRefused() throws Exception {
    command(new MetricBuilder(alias(TestPlant.TC_OPEN_ZONE), MetricDataType.Double, 2.5)
        .createMetric(), false);

    await().atMost(WAIT).until(() -> gateway.output(SparkplugOutput.class).node().commandsRefused() == 1);
    assertTrue(audit.has("WARN", TestPlant.TC_OPEN_ZONE, "whole number"), audit::text);
    assertEquals(0, read(TestPlant.TC_OPEN_ZONE_NODE));
  }

  @Test
  void writeToAnAliasTheDeviceNeverAnnouncedIsRefused() throws Exception {
    command(new MetricBuilder(99_999L, MetricDataType.Double, 1.0).createMetric(), false);

    await().atMost(WAIT).until(() -> gateway.output(SparkplugOutput.class).node().commandsRefused() == 1);
    assertTrue(audit.has("WARN", "alias 99999", "no such metric"), audit::text);
  }

  @Test
  void aDcmdOfAThousandMetricsWritesTheFirstHundredAndAuditsTheRestInOneLine() throws Exception {
    host.sendDeviceCommand(NODE, KILN, true, sameSetpoint(1000));

    await().atMost(WAIT).until(() -> counters().commandsRefused.sum() == 900);
    assertEquals(100, counters().commandsAccepted.sum());
    await().atMost(WAIT).until(() -> counters().writesDone.sum()
        + counters().writesFailed.sum() == 100);
    List<String> refusals = audit.lines().stream().filter(l -> l.contains("refused 900 metrics"))
        .toList();
    assertEquals(1, refusals.size(), audit::text);
    assertTrue(refusals.get(0).contains("sparkplug.writes.maxPerMessage")
        && refusals.get(0).contains("names 1000"), refusals.get(0));
    assertEquals(100, audit.lines().stream().filter(l -> l.contains("writing ")).count());
  }

  @Test
  void aBurstBeyondMaxPerSecondIsRefusedAndAudited() throws Exception {
    restartWith("writes: { maxPerSecond: 10 }");
    long start = System.nanoTime();

    host.sendDeviceCommand(NODE, KILN, true, sameSetpoint(30));

    await().atMost(WAIT).until(() -> counters().commandsRefused.sum() == 20);
    assertEquals(10, counters().commandsAccepted.sum());
    assertTrue(audit.has("WARN", "refused 20 metrics for rhk01", "at most 10 values a second",
        "sparkplug.writes.maxPerSecond"), audit::text);
    // The budget is spent: a second burst right after gets at most what refilled meanwhile.
    host.sendDeviceCommand(NODE, KILN, true, sameSetpoint(10));
    await().atMost(WAIT).until(() -> counters().commandsAccepted.sum()
        + counters().commandsRefused.sum() == 40);
    long refilled = 1 + (System.nanoTime() - start) * 10 / 1_000_000_000L;
    assertTrue(counters().commandsAccepted.sum() - 10 <= refilled,
        () -> counters().commandsAccepted.sum() + " accepted, at most " + refilled
            + " could have refilled");
  }

  @Test
  void anEmptyDcmdIsAudited() throws Exception {
    host.sendRawDeviceCommand(NODE, KILN, new byte[0]);
    await().atMost(WAIT).until(() -> audit.has("WARN", "refused 1 command for rhk01",
        "payload is empty (0 bytes)"));

    host.sendDeviceCommand(NODE, KILN, true);
    await().atMost(WAIT).until(() -> audit.has("WARN", "refused 1 command for rhk01",
        "names no metric"));
    assertEquals(2, counters().commandsRefused.sum());
    assertEquals(0, counters().commandsAccepted.sum());
  }
}
