package io.floorgate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floorgate.alarm.AlarmOutput;
import io.floorgate.config.GatewayConfig;
import io.floorgate.maintenance.MaintenanceMeters;
import io.floorgate.output.StatusSection;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import io.floorgate.testkit.MqttTestClient;
import io.floorgate.testkit.Recorder;
import io.floorgate.testkit.TestPlant;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A count of the simulated kiln's heartbeat (a PLC counter, +1 every 100 ms) as a maintenance
 * counter, with real parts: OPC UA driver → alarm engine → the UNS connection to Mosquitto on
 * 127.0.0.1:1883, {@code /metrics} gauges and the status page's table.
 */
@Timeout(90)
class MaintenanceEndToEndTest {

  static final String BROKER = "tcp://127.0.0.1:1883";
  static SimulatedPlant plant;

  @TempDir
  Path dir;
  final String name = "beats-" + UUID.randomUUID().toString().substring(0, 8);
  final String id = "calcination.rhk01.heartbeat." + name;
  final String topic = "jxnmm/isohara/calcination/rhk01/heartbeat/_maintenance/" + name;
  Floorgate gateway;

  @BeforeAll
  static void startPlant() throws Exception {
    plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 11, 0, 1.0));
  }

  @AfterAll
  static void stopPlant() throws Exception {
    plant.close();
  }

  @BeforeEach
  void start() throws Exception {
    GatewayConfig config = TestPlant.lanes(plant, dir, """
        mqtt: { url: '%s', clientId: '%s' }
        alarms:
          stateFile: '%s'
          rules: [ { tag: calcination/rhk01/heartbeat, type: count, interval: 20, name: %s } ]
        """.formatted(BROKER, name, dir.resolve("alarms.json"), name));
    gateway = Floorgate.start(config);
  }

  @AfterEach
  void stop() throws Exception {
    gateway.close();
    MqttTestClient.clearRetained(BROKER, List.of(topic,
        "jxnmm/isohara/calcination/_alarms/state/rhk01/heartbeat/" + name));
  }

  @Test
  void counterValueArrivesRetainedOnTheUnsAndItsAlarmIsRaisedAtTheInterval() throws Exception {
    await().atMost(Duration.ofSeconds(30)).until(() -> gateway.alarms().alarm(id).active());
    // A late joiner reads the counter from the broker's retained message.
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      try (Recorder late = Recorder.subscribe(BROKER, topic)) {
        await().atMost(Duration.ofSeconds(5)).until(() -> late.received(topic));
        Recorder.Message m = late.on(topic).get(0);
        assertTrue(m.retained());
        JsonNode json = m.json();
        assertTrue(json.get("value").asDouble() >= 20, json::toString);
        assertEquals(20.0, json.get("interval").asDouble());
        assertEquals("count", json.get("unit").asText());
        assertEquals(id, json.get("id").asText());
      }
    });
  }

  @Test
  void gaugesCarryTheCounterValueAndItsInterval() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    gateway.output(AlarmOutput.class).bindTo(registry);
    Gauge value = registry.get(MaintenanceMeters.VALUE).tag("counter", id).gauge();
    Gauge interval = registry.get(MaintenanceMeters.INTERVAL).tag("counter", id).gauge();
    assertEquals(20.0, interval.value());
    await().atMost(Duration.ofSeconds(30)).until(() -> value.value() >= 5);
  }

  @Test
  void statusPageHasTheMaintenanceCountersTable() {
    await().atMost(Duration.ofSeconds(30)).until(() -> gateway.alarms().counters().get(0)
        .value() >= 1);
    StatusSection section = gateway.output(AlarmOutput.class).statusSections().get(0);
    assertEquals("Maintenance counters", section.title());
    assertEquals(List.of("Counter", "Value", "Interval", "Used", "Last reset"),
        section.columns());
    List<String> row = section.rows().get(0);
    assertEquals(id, row.get(0));
    assertEquals("20", row.get(2));
    assertEquals("never", row.get(4));
  }
}
