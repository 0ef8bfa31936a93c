package io.floorgate.sparkplug;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.Floorgate;
import io.floorgate.config.ConfigLoader;
import io.floorgate.config.GatewayConfig;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimSecurity;
import io.floorgate.sim.SimulatedPlant;
import io.floorgate.sparkplug.SparkplugHost.Received;
import io.floorgate.testkit.TestPlant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.tahu.message.model.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code config/isohara.yaml} as shipped — only the simulated PLCs' ports, the Sparkplug group
 * and the UNS topic prefix made the test's own — seen by a Sparkplug host from the first birth to
 * the clean death: every configured tag is a metric of its PLC's device, all three devices send
 * DATA, and the zone setpoints and fault switches are announced writable.
 */
@Timeout(180)
class IsoharaSparkplugTest {

  static final String BROKER = "tcp://127.0.0.1:1883";
  static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void theWholePlantIsOneEdgeNodeFromFirstBirthToCleanDeath(@TempDir Path state) throws Exception {
    String group = TestPlant.uniqueGroup();
    // Secured as the shipped file expects: the simulator's demo account, its certificates in memory.
    try (SimulatedPlant plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 17, 0, 1.0)
            .withSecurity(SimSecurity.secured("floorgate", "isohara-sim")));
        SparkplugHost host = SparkplugHost.connect(BROKER, group)) {
      GatewayConfig config = isohara(plant, group, state);
      Received nbirth;
      try (Floorgate gateway = Floorgate.start(config)) {
        nbirth = host.await("NBIRTH", null, 0, WAIT);
        assertEquals("spBv1.0/" + group + "/NBIRTH/floorgate", nbirth.topic());
        for (String device : List.of("rhk01", "mx01", "mx02")) {
          Received birth = host.await("DBIRTH", device, nbirth.order(), WAIT);
          assertEquals(TestPlant.metricNames(config, device),
              birth.payload().getMetrics().stream().map(Metric::getName).toList(), device);
        }
        await().atMost(WAIT).until(() -> List.of("rhk01", "mx01", "mx02").stream().allMatch(d ->
            host.find(m -> m.type().equals("DDATA") && d.equals(m.device()), 0).isPresent()));
        Received kiln = host.of("DBIRTH").stream().filter(m -> "rhk01".equals(m.device()))
            .findFirst().orElseThrow();
        assertEquals(false, readOnly(kiln, "rhk01/zone07/setpoint"));
        assertEquals(false, readOnly(kiln, "rhk01/fault-injection/tc-open-zone"));
        assertEquals(true, readOnly(kiln, "rhk01/zone07/temperature"));
        assertEquals("°C", kiln.metric("rhk01/zone07/temperature").orElseThrow().getProperties()
            .getPropertyValue("engUnit").getValue());
      }
      Received ndeath = host.await("NDEATH", null, nbirth.order(), WAIT);
      assertEquals(nbirth.bdSeq(), ndeath.bdSeq());
      assertTrue(host.decodeFailures().isEmpty(), () -> host.decodeFailures().toString());
    }
  }

  static Object readOnly(Received birth, String metric) {
    return birth.metric(metric).orElseThrow().getProperties().getPropertyValue("readOnly")
        .getValue();
  }

  /**
   * The shipped file with the test's ports, group and UNS prefix, and the per-box settings it
   * takes from the environment (PKI, state and buffer directories, API port) in {@code state}.
   */
  static GatewayConfig isohara(SimulatedPlant plant, String group, Path state) throws Exception {
    Path dir = Path.of("").toAbsolutePath();
    while (!Files.isRegularFile(dir.resolve("config").resolve("isohara.yaml"))) {
      dir = dir.getParent();
    }
    String yaml = Files.readString(dir.resolve("config").resolve("isohara.yaml"))
        .replace(":4841/rhk01", ":" + plant.plc("RHK01").port() + "/rhk01")
        .replace(":4842/mx01", ":" + plant.plc("MX01").port() + "/mx01")
        .replace(":4843/mx02", ":" + plant.plc("MX02").port() + "/mx02")
        .replace("  groupId: isohara", "  groupId: " + group)
        .replace("  site: isohara\n", "  site: isohara\n  topicPrefix: " + group + "\n")
        .replace("clientId: floorgate-isohara", "clientId: " + group + "-" + UUID.randomUUID())
        .replace("\nnamespace:\n", "\nbuffer: { directory: '" + state.resolve("buffer") + "' }\nnamespace:\n");
    assertTrue(yaml.contains("groupId: " + group) && yaml.contains("topicPrefix: " + group),
        "the test's replacements still match config/isohara.yaml");
    return ConfigLoader.parse(yaml, "config/isohara.yaml", Map.of(
        "FLOORGATE_PKI_DIR", state.resolve("pki").toString(),
        "FLOORGATE_STATE_DIR", state.toString(),
        "FLOORGATE_API_PORT", "0"));
  }
}
