package io.floorgate.sim;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The plant as a client sees it: endpoints, address space, values, faults, load mode. */
@Timeout(60)
class SimulatedPlantTest {

  private static SimulatedPlant plant;
  private static final Map<String, SimClient> clients = new HashMap<>();

  @BeforeAll
  static void startPlant() throws Exception {
    plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 42L, 100, 10.0));
    for (SimulatedPlc plc : plant.plcs()) {
      clients.put(plc.name(), SimClient.connect(plc));
    }
  }

  @AfterAll
  static void stopPlant() throws Exception {
    for (SimClient client : clients.values()) {
      client.close();
    }
    if (plant != null) {
      plant.close();
    }
  }

  private static SimClient rhk() {
    return clients.get("RHK01");
  }

  @Test
  void everyPlcListensOnItsOwnPortAndPath() {
    List<SimulatedPlc> plcs = plant.plcs();
    assertEquals(List.of("RHK01", "MX01", "MX02"), plcs.stream().map(SimulatedPlc::name).toList());
    assertEquals(3, plcs.stream().map(SimulatedPlc::port).distinct().count());
    for (SimulatedPlc plc : plcs) {
      assertTrue(plc.port() > 0);
      assertTrue(plc.isRunning());
      String path = "/" + plc.name().toLowerCase();
      assertEquals("opc.tcp://127.0.0.1:" + plc.port() + path, plc.endpointUrl());
    }
    assertEquals(plcs.stream().map(SimulatedPlc::endpointUrl).toList(), plant.endpointUrls());
    assertEquals("MX02", plant.plc("MX02").name());
  }

  @Test
  void startingOnAPortInUseFailsNamingThePlcAndPort() {
    int taken = plant.plc("RHK01").port();
    var options = new SimOptions("127.0.0.1", taken, 1L, 0, 1.0);
    var e = assertThrows(IllegalStateException.class, () -> SimulatedPlant.start(options));
    assertTrue(
        e.getMessage().contains("RHK01") && e.getMessage().contains(":" + taken), e::getMessage);
    assertTrue(plant.plc("RHK01").isRunning());
  }

  @Test
  void unknownPlcNameIsRefused() {
    assertThrows(NoSuchElementException.class, () -> plant.plc("RHK02"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"RHK01", "MX01", "MX02"})
  void plantNamespaceIsIndexTwo(String plc) throws Exception {
    var table = clients.get(plc).milo().readNamespaceTable();
    assertEquals(2, table.getIndex("urn:floorgate:sim:isohara").intValue());
  }

  @ParameterizedTest(name = "{0} {1} is {2}")
  @CsvSource({
    "RHK01, RHK01.Heartbeat, Int32",
    "RHK01, RHK01.Running, Boolean",
    "RHK01, RHK01.Zone01.TempSP, Double",
    "RHK01, RHK01.Zone07.TempPV, Double",
    "RHK01, RHK01.Zone12.TC_A, Double",
    "RHK01, RHK01.Zone12.TC_B, Double",
    "RHK01, RHK01.Zone05.HeaterOut_pct, Double",
    "RHK01, RHK01.O2_pct, Double",
    "RHK01, RHK01.O2Flow_Nm3h, Double",
    "RHK01, RHK01.DewPoint_degC, Double",
    "RHK01, RHK01.KilnPress_Pa, Double",
    "RHK01, RHK01.RollerSpeed_mm_min, Double",
    "RHK01, RHK01.CoolingWater_raw, Int16",
    "RHK01, RHK01.Faults.TcOpenZone, Int32",
    "RHK01, RHK01.Faults.OverTempZone, Int32",
    "RHK01, RHK01.Faults.O2Low, Boolean",
    "RHK01, RHK01.Faults.ClockReset, Boolean",
    "RHK01, RHK01.Faults.HeartbeatStall, Boolean",
    "RHK01, RHK01.Faults.StuckZone, Int32",
    "RHK01, RHK01.Load.V00000, Double",
    "RHK01, RHK01.Load.Probe, Boolean",
    "MX01, MX01.Heartbeat, Int32",
    "MX01, MX01.State, Int16",
    "MX01, MX01.Speed_rpm, Double",
    "MX01, MX01.Current_A, Double",
    "MX01, MX01.Torque_pct, Double",
    "MX01, MX01.BearingTemp_degF, Double",
    "MX01, MX01.Vibration_mm_s, Double",
    "MX01, MX01.BatchId, String",
    "MX01, MX01.Faults.OverCurrent, Boolean",
    "MX01, MX01.Faults.HeartbeatStall, Boolean",
    "MX01, MX01.Running, Boolean",
    "MX01, MX01.AtSpeed, Boolean",
    "MX01, MX01.Starts, UInt32",
    "MX01, MX01.RunCurrent_A, Double",
    "MX02, MX02.Starts, UInt32",
    "MX02, MX02.State, Int16",
    "MX02, MX02.BatchId, String",
    "MX02, MX02.Faults.OverCurrent, Boolean",
  })
  void documentedVariableHasItsDataTypeAndAGoodValue(String plc, String id, String type)
      throws Exception {
    SimClient client = clients.get(plc);
    NodeId expectedType =
        switch (type) {
          case "Int32" -> NodeIds.Int32;
          case "UInt32" -> NodeIds.UInt32;
          case "Int16" -> NodeIds.Int16;
          case "Double" -> NodeIds.Double;
          case "String" -> NodeIds.String;
          case "Boolean" -> NodeIds.Boolean;
          default -> throw new IllegalArgumentException(type);
        };
    assertEquals(expectedType, client.readAttribute(id, AttributeId.DataType).value().value());
    DataValue value = client.read(id);
    assertTrue(value.statusCode().isGood(), () -> id + " status " + value.statusCode());
    Class<?> javaType =
        switch (type) {
          case "Int32" -> Integer.class;
          case "UInt32" -> UInteger.class;
          case "Int16" -> Short.class;
          case "Double" -> Double.class;
          case "String" -> String.class;
          default -> Boolean.class;
        };
    assertInstanceOf(javaType, value.value().value(), id);
  }

  @Test
  void kilnFolderListsTwelveZonesFaultsAndLoad() throws Exception {
    var addressSpace = rhk().milo().getAddressSpace();
    Set<String> roots = names(addressSpace.browse(NodeIds.ObjectsFolder));
    assertTrue(roots.contains("RHK01"), roots::toString);

    Set<String> kiln = names(addressSpace.browse(SimClient.node("RHK01")));
    IntStream.rangeClosed(1, 12)
        .mapToObj(z -> String.format("Zone%02d", z))
        .forEach(zone -> assertTrue(kiln.contains(zone), () -> zone + " missing in " + kiln));
    assertTrue(kiln.containsAll(Set.of("Heartbeat", "Running", "O2_pct", "Faults", "Load")));
    assertFalse(kiln.contains("Zone13"));

    Set<String> zone = names(addressSpace.browse(SimClient.node("RHK01.Zone03")));
    assertEquals(Set.of("TempSP", "TempPV", "TC_A", "TC_B", "HeaterOut_pct"), zone);
  }

  private static Set<String> names(List<ReferenceDescription> refs) {
    return refs.stream().map(r -> r.getBrowseName().name()).collect(Collectors.toSet());
  }

  @Test
  void heartbeatAdvancesByOneEveryScan() throws Exception {
    long start = System.nanoTime();
    int first = (Integer) rhk().value("RHK01.Heartbeat");
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> (Integer) rhk().value("RHK01.Heartbeat") - first >= 9);
    int advanced = (Integer) rhk().value("RHK01.Heartbeat") - first;
    long elapsedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
    // At most one step per 100 ms scan, plus the scan that may have run just before each read.
    assertTrue(advanced <= elapsedMs / 100 + 2, () -> advanced + " steps in " + elapsedMs + " ms");
    assertTrue(elapsedMs >= 700, () -> "9 steps took only " + elapsedMs + " ms");
  }

  @ParameterizedTest
  @ValueSource(ints = {5, 6, 7, 8, 9})
  void soakZoneHoldsBetween650And850(int zone) throws Exception {
    String z = String.format("RHK01.Zone%02d.", zone);
    for (String tag : List.of("TempPV", "TC_A", "TC_B")) {
      double value = rhk().doubleValue(z + tag);
      assertTrue(value > 650 && value < 850, () -> z + tag + " = " + value);
    }
    double sp = rhk().doubleValue(z + "TempSP");
    assertTrue(sp >= 720 && sp <= 780, () -> z + "TempSP = " + sp);
  }

  @Test
  void oxygenIsAbout92PercentInNormalOperation() throws Exception {
    double o2 = rhk().doubleValue("RHK01.O2_pct");
    assertTrue(o2 > 90 && o2 < 94, () -> "O2 " + o2);
  }

  @Test
  void coolingWaterIsReportedInAnalogInputCounts() throws Exception {
    short raw = (Short) rhk().value("RHK01.CoolingWater_raw");
    double litresPerMinute = raw * 400.0 / 27648.0;
    assertTrue(litresPerMinute > 150 && litresPerMinute < 210, () -> raw + " counts");
  }

  @Test
  void openThermocoupleMarksOnlyThatChannelBad() throws Exception {
    SimClient c = rhk();
    try {
      c.inject("RHK01.Faults.TcOpenZone", Variant.ofInt32(3));
      await()
          .atMost(Duration.ofSeconds(3))
          .until(
              () ->
                  c.read("RHK01.Zone03.TC_A").statusCode().value()
                      == StatusCodes.Bad_SensorFailure);
      assertTrue(c.read("RHK01.Zone03.TC_B").statusCode().isGood());
      assertTrue(c.read("RHK01.Zone03.TempPV").statusCode().isGood());
      assertTrue(c.read("RHK01.Zone04.TC_A").statusCode().isGood());
      assertTrue(c.read("RHK01.Zone02.TC_A").statusCode().isGood());
    } finally {
      c.inject("RHK01.Faults.TcOpenZone", Variant.ofInt32(0));
    }
    await()
        .atMost(Duration.ofSeconds(3))
        .until(() -> c.read("RHK01.Zone03.TC_A").statusCode().isGood());
    assertInstanceOf(Double.class, c.value("RHK01.Zone03.TC_A"));
  }

  @Test
  void clockResetRestartsSourceTimestampsIn2000WhileServerTimeStaysRight() throws Exception {
    SimClient c = rhk();
    Instant year2001 = Instant.parse("2001-01-01T00:00:00Z");
    try {
      c.inject("RHK01.Faults.ClockReset", Variant.ofBoolean(true));
      await()
          .atMost(Duration.ofSeconds(3))
          .until(
              () -> c.read("RHK01.Zone05.TempPV").sourceTime().getJavaInstant().isBefore(year2001));
      DataValue value = c.read("RHK01.Heartbeat");
      Instant source = value.sourceTime().getJavaInstant();
      Instant server = value.serverTime().getJavaInstant();
      assertTrue(
          !source.isBefore(PlcClock.RESET_EPOCH) && source.isBefore(year2001), source::toString);
      assertTrue(Duration.between(server, Instant.now()).abs().toSeconds() < 60, server::toString);
    } finally {
      c.inject("RHK01.Faults.ClockReset", Variant.ofBoolean(false));
    }
    await()
        .atMost(Duration.ofSeconds(3))
        .until(() -> c.read("RHK01.Zone05.TempPV").sourceTime().getJavaInstant().isAfter(year2001));
  }

  @Test
  void faultVariablesAreWritableAndMeasurementsAreNot() throws Exception {
    SimClient c = rhk();
    UByte faultAccess =
        (UByte) c.readAttribute("RHK01.Faults.O2Low", AttributeId.AccessLevel).value().value();
    assertEquals(AccessLevel.toValue(AccessLevel.READ_WRITE), faultAccess);
    UByte pvAccess =
        (UByte) c.readAttribute("RHK01.Zone01.TempPV", AttributeId.AccessLevel).value().value();
    assertEquals(AccessLevel.toValue(AccessLevel.READ_ONLY), pvAccess);
    // Milo checks the user's access level first, so the refusal reads Bad_UserAccessDenied.
    StatusCode refused = c.write("RHK01.Heartbeat", Variant.ofInt32(7));
    assertTrue(refused.isBad(), refused::toString);
  }

  @Test
  void loadModeExposesScaleVariablesThatChange() throws Exception {
    SimClient c = rhk();
    double first = c.doubleValue("RHK01.Load.V00099");
    await()
        .atMost(Duration.ofSeconds(3))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> c.doubleValue("RHK01.Load.V00099") != first);
    assertEquals(StatusCodes.Bad_NodeIdUnknown, c.read("RHK01.Load.V00100").statusCode().value());
  }

  @Test
  void loadModeProbeFlipsEveryHalfSecondStampedWithTheFlip() throws Exception {
    SimClient c = rhk();
    List<DataValue> flips = new ArrayList<>();
    Object[] last = {c.value("RHK01.Load.Probe")};

    await()
        .atMost(Duration.ofSeconds(8))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              DataValue now = c.read("RHK01.Load.Probe");
              if (!now.value().value().equals(last[0])) {
                flips.add(now);
                last[0] = now.value().value();
              }
              return flips.size() >= 4;
            });

    // The median of three gaps: one scan delayed by a busy machine must not fail the test.
    long[] gaps = new long[flips.size() - 1];
    for (int i = 1; i < flips.size(); i++) {
      gaps[i - 1] = Duration.between(flips.get(i - 1).sourceTime().getJavaInstant(),
          flips.get(i).sourceTime().getJavaInstant()).toMillis();
    }
    long median = Arrays.stream(gaps).sorted().toArray()[gaps.length / 2];
    assertTrue(median >= 350 && median <= 650,
        () -> "source times of consecutive flips are " + Arrays.toString(gaps)
            + " ms apart; expected 5 scans of 100 ms");
  }
}
