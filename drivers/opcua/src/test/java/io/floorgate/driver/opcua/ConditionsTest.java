package io.floorgate.driver.opcua;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.driver.ConditionEvent;
import io.floorgate.sim.PlcWriter;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The kiln PLC's own over-temperature alarm (an OPC UA condition) through the driver: events,
 * ConditionRefresh for a late subscriber, and Acknowledge passed to the PLC.
 */
@Timeout(90)
class ConditionsTest {

  static final String OVER_TEMP_ZONE = "ns=2;s=RHK01.Faults.OverTempZone";

  SimulatedPlant plant;
  String url;

  @BeforeEach
  void start() throws Exception {
    plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 5, 0, 1.0));
    url = plant.plc("RHK01").endpointUrl();
  }

  @AfterEach
  void stop() throws Exception {
    plant.close();
  }

  OpcUaDriver driver(List<ConditionEvent> events) {
    OpcUaDriver driver = new OpcUaDriver(Specs.connection(url,
        Specs.subscription(List.of(Specs.tag("heartbeat", Specs.HEARTBEAT)))));
    driver.subscribeConditions(events::add);
    driver.start(new CollectingSink());
    return driver;
  }

  static ConditionEvent awaitEvent(List<ConditionEvent> events, boolean active, boolean acked) {
    await().atMost(Duration.ofSeconds(45)).until(() -> events.stream()
        .anyMatch(e -> e.active() == active && e.acked() == acked));
    return events.stream().filter(e -> e.active() == active && e.acked() == acked)
        .reduce((a, b) -> b).orElseThrow();
  }

  @Test
  void overTemperatureConditionIsDeliveredAndAcknowledgedOnThePlc() throws Exception {
    List<ConditionEvent> events = new CopyOnWriteArrayList<>();
    try (OpcUaDriver driver = driver(events);
        PlcWriter writer = PlcWriter.connect(url)) {
      writer.write(OVER_TEMP_ZONE, 4);
      ConditionEvent raised = awaitEvent(events, true, false);
      assertEquals("ns=2;s=RHK01.Alarms.OverTemperature", raised.conditionId());
      assertEquals("OverTemperature", raised.conditionName());
      assertEquals("rhk01", raised.connection());
      assertEquals(800, raised.severity());
      assertTrue(raised.retain());
      assertTrue(raised.message().startsWith("Zone 04 over-temperature"), raised.message());

      driver.acknowledge(raised.conditionId(), raised.eventId(), "seen by tanaka")
          .get(10, TimeUnit.SECONDS);
      ConditionEvent acked = awaitEvent(events, true, true);
      assertTrue(acked.retain());
      assertEquals(Boolean.TRUE, readAcked());
    } finally {
      try (PlcWriter writer = PlcWriter.connect(url)) {
        writer.write(OVER_TEMP_ZONE, 0);
      }
    }
  }

  /** The condition's AckedState/Id on the PLC, read by a plain client. */
  Object readAcked() throws Exception {
    try (PlcWriter plc = PlcWriter.connect(url)) {
      return plc.read("ns=2;s=RHK01.Alarms.OverTemperature/0:AckedState/0:Id");
    }
  }

  @Test
  void aLateSubscriberGetsTheStandingConditionByRefresh() throws Exception {
    List<ConditionEvent> early = new CopyOnWriteArrayList<>();
    try (OpcUaDriver first = driver(early); PlcWriter writer = PlcWriter.connect(url)) {
      writer.write(OVER_TEMP_ZONE, 6);
      awaitEvent(early, true, false);
      List<ConditionEvent> late = new CopyOnWriteArrayList<>();
      try (OpcUaDriver second = driver(late)) {
        // No new transition happens meanwhile: what arrives is the refresh.
        ConditionEvent refreshed = awaitEvent(late, true, false);
        assertEquals("ns=2;s=RHK01.Alarms.OverTemperature", refreshed.conditionId());
      }
    } finally {
      try (PlcWriter writer = PlcWriter.connect(url)) {
        writer.write(OVER_TEMP_ZONE, 0);
      }
    }
  }

  @Test
  void acknowledgingWithAStaleEventIdIsRefusedByThePlc() throws Exception {
    List<ConditionEvent> events = new CopyOnWriteArrayList<>();
    try (OpcUaDriver driver = driver(events); PlcWriter writer = PlcWriter.connect(url)) {
      writer.write(OVER_TEMP_ZONE, 2);
      ConditionEvent raised = awaitEvent(events, true, false);
      var refused = driver.acknowledge(raised.conditionId(), "00", "wrong event");
      await().atMost(Duration.ofSeconds(10)).until(refused::isDone);
      assertTrue(refused.isCompletedExceptionally());
    } finally {
      try (PlcWriter writer = PlcWriter.connect(url)) {
        writer.write(OVER_TEMP_ZONE, 0);
      }
    }
  }
}
