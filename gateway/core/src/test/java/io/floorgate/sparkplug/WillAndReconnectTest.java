package io.floorgate.sparkplug;

import static io.floorgate.testkit.TestPlant.KILN;
import static io.floorgate.testkit.TestPlant.MIXER;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.Floorgate;
import io.floorgate.mqtt.TcpProxy;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import io.floorgate.sparkplug.SparkplugHost.Received;
import io.floorgate.testkit.MosquittoProcess;
import io.floorgate.testkit.TestPlant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's Will and bdSeq across connections, on a Mosquitto of the test's own: a network cut
 * (a relay the test cuts), a broker restart, and a clean shutdown.
 */
@Timeout(180)
class WillAndReconnectTest {

  static final Duration WAIT = Duration.ofSeconds(60);

  static SimulatedPlant plant;

  @TempDir Path dir;
  MosquittoProcess broker;
  SparkplugHost host;
  Floorgate gateway;
  String group;

  @BeforeAll
  static void startPlant() {
    plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 12, 0, 1.0));
  }

  @AfterAll
  static void stopPlant() {
    plant.close();
  }

  @BeforeEach
  void startBroker() throws Exception {
    broker = MosquittoProcess.in(dir).withoutPersistence().logPackets().start();
    group = TestPlant.uniqueGroup();
    host = SparkplugHost.connect(broker.url(), group);
  }

  @AfterEach
  void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    host.close();
    broker.close();
  }

  void startGateway(String brokerUrl) throws Exception {
    gateway = Floorgate.start(TestPlant.sparkplug(plant, group, List.of(brokerUrl), ""));
  }

  Received awaitSession(SparkplugHost on, int since) {
    Received nbirth = on.await("NBIRTH", null, since, WAIT);
    on.await("DBIRTH", KILN, nbirth.order(), WAIT);
    on.await("DBIRTH", MIXER, nbirth.order(), WAIT);
    return nbirth;
  }

  @Test
  void willIsQos1NotRetainedAndCarriesTheBdSeqOfItsNbirthAcrossANetworkCut() throws Exception {
    try (TcpProxy relay = new TcpProxy(broker.port())) {
      startGateway("tcp://127.0.0.1:" + relay.port());
      Received first = awaitSession(host, 0);

      relay.cutConnections();

      Received will = host.await("NDEATH", null, first.order(), WAIT);
      assertEquals(1, will.qos(), "the Will is published at QoS 1");
      assertFalse(will.retained(), "the Will is not retained");
      assertEquals(first.bdSeq(), will.bdSeq(), "NDEATH carries the bdSeq of its NBIRTH");
      assertNull(will.seq(), "NDEATH has no seq");
      assertEquals(List.of(Payloads.BD_SEQ),
          will.payload().getMetrics().stream().map(Metric::getName).toList());

      Received second = awaitSession(host, will.order());
      assertEquals((first.bdSeq() + 1) % 256, second.bdSeq(), "a new CONNECT, the next bdSeq");
      assertEquals(0L, second.seq());
    }
    try (SparkplugHost late = SparkplugHost.connect(broker.url(), group)) {
      // Nothing of the node's stays on the broker: a late host sees no retained death.
      late.publishState("nobody-" + group, true, 1);
      late.clearState("nobody-" + group);
      assertTrue(late.of("NDEATH").isEmpty(), "no retained NDEATH");
    }
  }

  @Test
  void brokerRestartStartsANewSessionWithTheNextBdSeq() throws Exception {
    startGateway(broker.url());
    Received first = awaitSession(host, 0);
    long sessions = gateway.output(SparkplugOutput.class).node().sessions();

    host.close();
    broker.stop();
    await().atMost(WAIT).until(() -> !gateway.output(SparkplugOutput.class).node().isOnline());
    broker.start();

    try (SparkplugHost after = SparkplugHost.connect(broker.url(), group)) {
      await().atMost(WAIT).until(() -> gateway.output(SparkplugOutput.class).node().sessions() > sessions);
      if (after.find(m -> m.type().equals("NBIRTH"), 0).isEmpty()) {
        // The node was quicker than this host's subscription: ask for the births again.
        after.sendNodeCommand(TestPlant.NODE, new Metric.MetricBuilder(Payloads.REBIRTH,
            MetricDataType.Boolean, true).createMetric());
      }
      Received second = awaitSession(after, 0);
      // Attempts refused while the broker was down sent no CONNECT, so used no bdSeq.
      assertEquals((first.bdSeq() + 1) % 256, second.bdSeq());
      assertEquals(0L, second.seq());
      await().atMost(WAIT).until(() -> after.of("DDATA").size() >= 5);
    } finally {
      host = SparkplugHost.connect(broker.url(), group);
    }
  }

  @Test
  void cleanShutdownPublishesNdeathBeforeItsDisconnect() throws Exception {
    startGateway(broker.url());
    Received nbirth = awaitSession(host, 0);
    String clientId = gateway.config().sparkplug().clientId();

    gateway.close();

    Received ndeath = host.await("NDEATH", null, nbirth.order(), WAIT);
    assertEquals(nbirth.bdSeq(), ndeath.bdSeq());
    int published = broker.firstLogLine("Received PUBLISH from " + clientId + " ",
        "/NDEATH/" + TestPlant.NODE + "'");
    int disconnect = broker.firstLogLine("Received DISCONNECT from " + clientId);
    assertTrue(published >= 0,
        "the broker received the node's NDEATH:\n" + String.join("\n", broker.log()));
    assertTrue(disconnect > published, "NDEATH (line " + published + ") before DISCONNECT (line "
        + disconnect + ")");
  }
}
