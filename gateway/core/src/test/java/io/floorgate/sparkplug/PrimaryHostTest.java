package io.floorgate.sparkplug;

import static io.floorgate.testkit.TestPlant.KILN;
import static io.floorgate.testkit.TestPlant.MIXER;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.Floorgate;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import io.floorgate.sparkplug.SparkplugHost.Received;
import io.floorgate.testkit.MosquittoProcess;
import io.floorgate.testkit.TestPlant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node with a primary host and two brokers of the test's own, A and B: births wait for the
 * host's STATE online=true, an offline STATE makes the node publish NDEATH, disconnect and move to
 * the next broker, and a stale STATE (older timestamp) changes nothing.
 */
@Timeout(180)
class PrimaryHostTest {

  static final Duration WAIT = Duration.ofSeconds(60);

  static SimulatedPlant plant;

  @TempDir Path dirA;
  @TempDir Path dirB;
  MosquittoProcess brokerA;
  MosquittoProcess brokerB;
  SparkplugHost hostA;
  SparkplugHost hostB;
  Floorgate gateway;
  String group;
  String hostId;

  @BeforeAll
  static void startPlant() {
    plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 13, 0, 1.0));
  }

  @AfterAll
  static void stopPlant() {
    plant.close();
  }

  @BeforeEach
  void startBrokers() throws Exception {
    brokerA = MosquittoProcess.in(dirA).withoutPersistence().logPackets().start();
    brokerB = MosquittoProcess.in(dirB).withoutPersistence().logPackets().start();
    group = TestPlant.uniqueGroup();
    hostId = "scada-" + group;
    hostA = SparkplugHost.connect(brokerA.url(), group);
    hostB = SparkplugHost.connect(brokerB.url(), group);
  }

  @AfterEach
  void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    hostA.close();
    hostB.close();
    brokerA.close();
    brokerB.close();
  }

  void startGateway() throws Exception {
    gateway = Floorgate.start(TestPlant.sparkplug(plant, group,
        List.of(brokerA.url(), brokerB.url()), "primaryHostId: " + hostId));
  }

  Received awaitSession(SparkplugHost on, int since) {
    Received nbirth = on.await("NBIRTH", null, since, WAIT);
    on.await("DBIRTH", KILN, nbirth.order(), WAIT);
    on.await("DBIRTH", MIXER, nbirth.order(), WAIT);
    return nbirth;
  }

  boolean subscribedToState(MosquittoProcess broker) throws Exception {
    return broker.log().stream().anyMatch(l -> l.contains("spBv1.0/STATE/" + hostId));
  }

  @Test
  void birthsWaitForThePrimaryHostToBeOnline() throws Exception {
    startGateway();
    await().atMost(WAIT).until(() -> subscribedToState(brokerA));

    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
        .until(() -> hostA.of("NBIRTH").isEmpty());
    int before = hostA.lastOrder();
    hostA.publishState(hostId, true, System.currentTimeMillis());

    Received nbirth = awaitSession(hostA, before);
    assertEquals(0L, nbirth.seq());
    assertTrue(hostB.of("NBIRTH").isEmpty(), "one broker at a time");
  }

  @Test
  void offlineStateGivesNdeathThenDisconnectAndTheNextBroker() throws Exception {
    long online = System.currentTimeMillis();
    hostA.publishState(hostId, true, online);
    hostB.publishState(hostId, true, online);
    startGateway();
    Received onA = awaitSession(hostA, 0);
    String clientId = gateway.config().sparkplug().clientId();

    hostA.publishState(hostId, false, online + 1);

    Received ndeath = hostA.await("NDEATH", null, onA.order(), WAIT);
    assertEquals(onA.bdSeq(), ndeath.bdSeq());
    Received onB = awaitSession(hostB, 0);
    assertEquals((onA.bdSeq() + 1) % 256, onB.bdSeq(), "a new connection, the next bdSeq");
    int published = brokerA.firstLogLine("Received PUBLISH from " + clientId + " ", "/NDEATH/");
    int disconnected = brokerA.firstLogLine("Received DISCONNECT from " + clientId);
    assertTrue(published >= 0 && disconnected > published,
        "NDEATH published before DISCONNECT on broker A:\n" + String.join("\n", brokerA.log()));
  }

  @Test
  void staleOfflineStateIsIgnored() throws Exception {
    long online = System.currentTimeMillis();
    hostA.publishState(hostId, true, online);
    hostB.publishState(hostId, true, online);
    startGateway();
    Received onA = awaitSession(hostA, 0);

    // The death of a host session older than the one that said online: not this host any more.
    hostA.publishState(hostId, false, online - 60_000);

    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
        .until(() -> hostA.find(m -> m.type().equals("NDEATH"), onA.order()).isEmpty()
            && gateway.output(SparkplugOutput.class).node().isOnline());
    int before = hostA.lastOrder();
    await().atMost(WAIT).until(() -> hostA.find(m -> m.type().equals("DDATA"), before)
        .isPresent());
    assertTrue(hostB.of("NBIRTH").isEmpty(), "still on broker A");

    // The same node does act on a current one.
    hostA.publishState(hostId, false, online + 1);
    hostA.await("NDEATH", null, before, WAIT);
    awaitSession(hostB, 0);
  }
}
