package io.floorgate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floorgate.config.ConfigLoader;
import io.floorgate.sim.ModbusDevice;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import io.floorgate.testkit.Recorder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated kiln's Modbus instruments (O2 analyzer O2A01, heater-bank power meter PM01)
 * read by the Modbus driver beside the kiln PLC over OPC UA, and published under the UNS like
 * everything else: values, units, BAD when an instrument goes away, GOOD when it is back.
 */
@Timeout(120)
class ModbusEndToEndTest {

  static final String BROKER = "tcp://127.0.0.1:1883";
  static final Duration WAIT = Duration.ofSeconds(30);

  static SimulatedPlant plant;

  @TempDir Path dir;
  String prefix;
  Floorgate gateway;
  Recorder probe;

  @BeforeAll
  static void startPlant() {
    plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 12, 0, 1.0));
  }

  @AfterAll
  static void stopPlant() {
    plant.close();
  }

  @BeforeEach
  void startGateway() throws Exception {
    prefix = "modbus-" + UUID.randomUUID().toString().substring(0, 8);
    probe = Recorder.subscribe(BROKER, prefix + "/#");
    String yaml = """
        namespace: { enterprise: jxnmm, site: isohara, topicPrefix: %s }
        mqtt: { url: %s, clientId: %s }
        buffer: { directory: '%s' }
        connections:
          - name: rhk01
            endpoint: %s
            area: calcination
            groups:
              - name: heartbeat
                tags:
                  - { path: rhk01/heartbeat, node: "ns=2;s=RHK01.Heartbeat" }
          - name: o2a01
            endpoint: %s
            area: calcination
            badAfterLinkLoss: 1s
            retry: { initial: 200ms, max: 1s }
            groups:
              - name: analyzer
                mode: polling
                pollInterval: 200ms
                tags:
                  - { path: rhk01/o2-analyzer/o2, address: "hr:0", dataType: float32, order: CDAB, unit: ppm }
                  - { path: rhk01/o2-analyzer/measuring, address: "hr:2", dataType: bit(0) }
          - name: pm01
            endpoint: %s
            area: calcination
            groups:
              - name: heaters
                mode: polling
                pollInterval: 200ms
                tags:
                  - { path: rhk01/heaters/power, address: "hr:0", dataType: float32, unit: kW }
                  - { path: rhk01/heaters/energy, address: "hr:2", dataType: uint32, unit: kWh }
        """.formatted(prefix, BROKER, prefix, dir.resolve("buffer"),
        plant.plc("RHK01").endpointUrl(), plant.modbusDevice("O2A01").endpointUrl(),
        plant.modbusDevice("PM01").endpointUrl());
    gateway = Floorgate.start(ConfigLoader.parse(yaml, "modbus.yaml", Map.of()));
  }

  @AfterEach
  void stopGateway() throws Exception {
    gateway.close();
    probe.close();
    ModbusDevice o2 = plant.modbusDevice("O2A01");
    if (!o2.isRunning()) {
      o2.start();
    }
  }

  String topic(String path) {
    return prefix + "/jxnmm/isohara/calcination/" + path;
  }

  @Test
  void theInstrumentsArePublishedBesideTheKilnPlc() {
    await().atMost(WAIT).until(() -> probe.latest(topic("rhk01/o2-analyzer/o2")) != null
        && probe.latest(topic("rhk01/heaters/energy")) != null
        && probe.latest(topic("rhk01/heartbeat")) != null);

    JsonNode o2 = probe.latest(topic("rhk01/o2-analyzer/o2"));
    assertEquals("GOOD", o2.path("quality").asText(), o2::toString);
    assertEquals("ppm", o2.path("unit").asText());
    double ppm = o2.path("value").asDouble();
    assertTrue(ppm > 0 && ppm <= 1_000_000, "O2 decoded from the word-swapped float: " + ppm);
    assertEquals("GOOD", probe.latest(topic("rhk01/o2-analyzer/measuring")).path("quality")
        .asText());
    JsonNode energy = probe.latest(topic("rhk01/heaters/energy"));
    assertEquals("kWh", energy.path("unit").asText());
    assertTrue(energy.path("value").isIntegralNumber(), energy::toString);
    assertEquals("GOOD", probe.latest(topic("rhk01/heartbeat")).path("quality").asText());
  }

  @Test
  void anInstrumentThatGoesAwayIsBadAfterTheDelayAndGoodWhenItIsBack() {
    await().atMost(WAIT).until(() -> probe.latest(topic("rhk01/o2-analyzer/o2")) != null);

    plant.modbusDevice("O2A01").stop();

    await().atMost(WAIT).until(() -> "BAD".equals(probe.latest(topic("rhk01/o2-analyzer/o2"))
        .path("quality").asText()));
    JsonNode bad = probe.latest(topic("rhk01/o2-analyzer/o2"));
    assertEquals("Bad_NoCommunication", bad.path("status").path("name").asText(), bad::toString);
    assertTrue(bad.path("value").isNull());

    plant.modbusDevice("O2A01").start();

    await().atMost(WAIT).until(() -> "GOOD".equals(probe.latest(topic("rhk01/o2-analyzer/o2"))
        .path("quality").asText()));
  }
}
