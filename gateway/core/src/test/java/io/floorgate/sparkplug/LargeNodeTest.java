package io.floorgate.sparkplug;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.Floorgate;
import io.floorgate.config.ConfigLoader;
import io.floorgate.config.GatewayConfig;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import io.floorgate.sparkplug.SparkplugHost.Received;
import io.floorgate.testkit.MosquittoProcess;
import io.floorgate.testkit.TestPlant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node with thousands of metrics against a broker that states a maximum packet size: births
 * stay one message, DATA is split to the configured size, and a birth the broker would refuse is
 * not sent.
 */
@Timeout(180)
class LargeNodeTest {

  static final int LOAD_TAGS = 2_000;
  static final Duration WAIT = Duration.ofSeconds(90);

  static SimulatedPlant plant;

  @TempDir Path dir;
  MosquittoProcess broker;
  SparkplugHost host;
  Floorgate gateway;

  @BeforeAll
  static void startPlant() {
    plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 16, LOAD_TAGS, 2.0));
  }

  @AfterAll
  static void stopPlant() {
    plant.close();
  }

  @AfterEach
  void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    if (host != null) {
      host.close();
    }
    broker.close();
  }

  GatewayConfig config(String group, int maxDataBytes) throws Exception {
    StringBuilder tags = new StringBuilder();
    for (int i = 0; i < LOAD_TAGS; i++) {
      tags.append(String.format("        - { path: rhk01/load/v%05d, node: ns=2;s=RHK01.Load.V%05d"
          + " }%n", i, i));
    }
    String yaml = """
        namespace: { enterprise: jxnmm, site: isohara }
        mqtt: { url: '%1$s', clientId: '%2$s-uns' }
        uns: { enabled: false }
        buffer: { directory: 'target/test-buffers/%2$s' }
        sparkplug: { enabled: true, groupId: '%2$s', maxDataBytes: %3$d, keepAlive: 5s }
        connections:
          - name: rhk01
            endpoint: opc.tcp://127.0.0.1:%4$d/rhk01
            area: calcination
            groups:
              - name: load
                samplingInterval: 500ms
                publishingInterval: 500ms
                tags:
        %5$s  - name: mx01
            endpoint: opc.tcp://127.0.0.1:%6$d/mx01
            area: mixing
            groups:
              - name: all
                samplingInterval: 100ms
                publishingInterval: 100ms
                tags:
                  - { path: mx01/heartbeat, node: ns=2;s=MX01.Heartbeat }
        """.formatted(broker.url(), group, maxDataBytes, plant.plc("RHK01").port(), tags,
        plant.plc("MX01").port());
    return ConfigLoader.parse(yaml, "large-node.yaml", Map.of());
  }

  @Test
  void birthIsOneMessageAndDataIsSplitToTheConfiguredSize() throws Exception {
    broker = MosquittoProcess.in(dir).withoutPersistence().maxPacketSize(1_000_000).start();
    String group = TestPlant.uniqueGroup();
    host = SparkplugHost.connect(broker.url(), group);
    gateway = Floorgate.start(config(group, 4_096));

    Received birth = host.await("DBIRTH", "rhk01", 0, WAIT);
    assertEquals(LOAD_TAGS, birth.payload().getMetrics().size(), "every metric in one DBIRTH");
    await().atMost(WAIT).until(() -> dataMetrics(host) >= 3 * LOAD_TAGS);

    List<Received> data = host.of("DDATA").stream().filter(m -> "rhk01".equals(m.device()))
        .toList();
    for (Received d : data) {
      assertTrue(d.bytes() <= 4_096, "DDATA of " + d.bytes() + " bytes");
    }
    int largest = data.stream().mapToInt(d -> d.payload().getMetrics().size()).max().orElse(0);
    assertTrue(largest > 50 && largest < LOAD_TAGS, "changes are batched, and split: "
        + largest + " metrics in the largest DDATA");
  }

  @Test
  void birthLargerThanTheBrokerTakesIsNotSentAndTheOtherDevicesLive() throws Exception {
    broker = MosquittoProcess.in(dir).withoutPersistence().maxPacketSize(16_384).start();
    String group = TestPlant.uniqueGroup();
    host = SparkplugHost.connect(broker.url(), group);
    gateway = Floorgate.start(config(group, 65_536));

    host.await("DBIRTH", "mx01", 0, WAIT);
    Received data = host.await("DDATA", "mx01", 0, WAIT);
    await().atMost(WAIT).until(() -> gateway.output(SparkplugOutput.class).node().birthsTooLarge() >= 1);

    assertTrue(host.of("DBIRTH").stream().noneMatch(m -> "rhk01".equals(m.device())));
    assertTrue(host.of("DDATA").stream().noneMatch(m -> "rhk01".equals(m.device())));
    assertTrue(data.bytes() <= 16_384);
    assertTrue(gateway.output(SparkplugOutput.class).node().isOnline(), "the broker kept the node connected");
  }

  private static long dataMetrics(SparkplugHost host) {
    return host.of("DDATA").stream().filter(m -> "rhk01".equals(m.device()))
        .mapToLong(m -> m.payload().getMetrics().size()).sum();
  }
}
