package io.floorgate.sim;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Fault injection that changes the physics, and a PLC restart. */
@Timeout(60)
class SimulatedPlantFaultsTest {

  private static SimulatedPlant plant;
  private static final Map<String, SimClient> clients = new HashMap<>();

  @BeforeAll
  static void startPlant() throws Exception {
    plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 7L, 0, 1.0));
    clients.put("RHK01", SimClient.connect(plant.plc("RHK01")));
    clients.put("MX01", SimClient.connect(plant.plc("MX01")));
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

  @Test
  void overTempZoneDrivesOnlyThatZoneAboveSetpoint() throws Exception {
    SimClient c = clients.get("RHK01");
    double sp = c.doubleValue("RHK01.Zone07.TempSP");
    try {
      c.inject("RHK01.Faults.OverTempZone", Variant.ofInt32(7));
      await()
          .atMost(Duration.ofSeconds(15))
          .until(
              () ->
                  c.doubleValue("RHK01.Zone07.TempPV") > sp + 15
                      && c.doubleValue("RHK01.Zone07.TC_B") > sp + 15);
      double neighbour = c.doubleValue("RHK01.Zone06.TempPV");
      double neighbourSp = c.doubleValue("RHK01.Zone06.TempSP");
      assertTrue(Math.abs(neighbour - neighbourSp) < 15, () -> "Zone06 PV " + neighbour);
    } finally {
      c.inject("RHK01.Faults.OverTempZone", Variant.ofInt32(0));
    }
  }

  @Test
  void o2LowMakesOxygenFallTowards80Percent() throws Exception {
    SimClient c = clients.get("RHK01");
    try {
      c.inject("RHK01.Faults.O2Low", Variant.ofBoolean(true));
      await().atMost(Duration.ofSeconds(15)).until(() -> c.doubleValue("RHK01.O2_pct") < 88);
    } finally {
      c.inject("RHK01.Faults.O2Low", Variant.ofBoolean(false));
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> c.doubleValue("RHK01.O2_pct") > 89);
  }

  @Test
  void overCurrentTripsTheMixerToFaultDrawingHighCurrent() throws Exception {
    SimClient c = clients.get("MX01");
    try {
      c.inject("MX01.Faults.OverCurrent", Variant.ofBoolean(true));
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  (Short) c.value("MX01.State") == MixerModel.FAULT
                      && c.doubleValue("MX01.Current_A") > 1.3 * MixerModel.FULL_LOAD_A);
    } finally {
      c.inject("MX01.Faults.OverCurrent", Variant.ofBoolean(false));
    }
    await()
        .atMost(Duration.ofSeconds(3))
        .until(() -> (Short) c.value("MX01.State") == MixerModel.IDLE);
  }

  @Test
  void heartbeatStallFreezesTheKilnHeartbeatWhileTheServerStillAnswers() throws Exception {
    SimClient c = clients.get("RHK01");
    try {
      c.inject("RHK01.Faults.HeartbeatStall", Variant.ofBoolean(true));
      // Two reads 300 ms apart (three scans) that agree: the count has stopped.
      var last = new AtomicInteger(-1);
      await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(300)).until(() -> {
        int now = (Integer) c.value("RHK01.Heartbeat");
        return now == last.getAndSet(now);
      });
      int stalled = last.get();
      await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
          .until(() -> (Integer) c.value("RHK01.Heartbeat") == stalled);
      assertTrue(c.read("RHK01.Zone05.TempPV").statusCode().isGood());
    } finally {
      c.inject("RHK01.Faults.HeartbeatStall", Variant.ofBoolean(false));
    }
    int released = (Integer) c.value("RHK01.Heartbeat");
    await().atMost(Duration.ofSeconds(3))
        .until(() -> (Integer) c.value("RHK01.Heartbeat") > released);
  }

  @Test
  void restartedPlcComesBackOnTheSamePortAndPath() throws Exception {
    SimulatedPlc mx02 = plant.plc("MX02");
    String url = mx02.endpointUrl();
    int port = mx02.port();

    plant.stop("MX02");
    assertFalse(mx02.isRunning());
    assertThrows(UaException.class, () -> OpcUaClient.create(url));

    plant.start("MX02");
    assertTrue(mx02.isRunning());
    assertEquals(port, mx02.port());
    assertEquals(url, mx02.endpointUrl());
    try (SimClient client = SimClient.connect(mx02)) {
      DataValue heartbeat = client.read("MX02.Heartbeat");
      assertTrue(heartbeat.statusCode().isGood());
      int first = (Integer) heartbeat.value().value();
      await()
          .atMost(Duration.ofSeconds(3))
          .until(() -> (Integer) client.value("MX02.Heartbeat") > first);
    }
  }
}
