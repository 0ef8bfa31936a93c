package io.floorgate.sparkplug;

import static io.floorgate.testkit.TestPlant.KILN;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.Floorgate;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import io.floorgate.sparkplug.SparkplugHost.Received;
import io.floorgate.testkit.MosquittoProcess;
import io.floorgate.testkit.TestPlant;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * While the primary host is offline a strict host must see no NDEATH for a bdSeq that never had an
 * NBIRTH, and the births must follow the host's STATE online within moments, not after a backoff.
 */
@Timeout(180)
class PrimaryHostOfflineTest {

  static final String BROKER = "tcp://127.0.0.1:1883";
  static final Duration WAIT = Duration.ofSeconds(60);
  /** How soon after STATE online the NBIRTH must be seen. */
  static final Duration PROMPT = Duration.ofMillis(1_500);

  static SimulatedPlant plant;

  Floorgate gateway;
  String group;
  String hostId;

  @BeforeAll
  static void startPlant() {
    plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 17, 0, 1.0));
  }

  @AfterAll
  static void stopPlant() {
    plant.close();
  }

  @AfterEach
  void stopGateway() {
    if (gateway != null) {
      gateway.close();
    }
  }

  void startGateway(List<String> brokers) throws Exception {
    group = group == null ? TestPlant.uniqueGroup() : group;
    gateway = Floorgate.start(TestPlant.sparkplug(plant, group, brokers,
        "primaryHostId: " + hostId));
  }

  SparkplugNode node() {
    return gateway.output(SparkplugOutput.class).node();
  }

  @Test
  void nodeStaysConnectedWithoutBirthsAndBirthsPromptlyWhenTheHostComesOnline() throws Exception {
    group = TestPlant.uniqueGroup();
    hostId = "scada-" + group;
    try (SparkplugHost host = SparkplugHost.connect(BROKER, group)) {
      long offline = System.currentTimeMillis();
      host.publishState(hostId, false, offline);
      try {
        startGateway(List.of(BROKER));
        await().atMost(WAIT).until(() -> node().detail().contains("waiting for primary host"));

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
            .until(() -> host.of("NDEATH").isEmpty() && host.of("NBIRTH").isEmpty()
                && node().detail().contains("waiting for primary host"));

        host.publishState(hostId, true, offline + 1);
        await().atMost(PROMPT).pollInterval(Duration.ofMillis(20))
            .until(() -> !host.of("NBIRTH").isEmpty());
        Received nbirth = host.of("NBIRTH").get(0);
        host.await("DBIRTH", KILN, nbirth.order(), WAIT);
        assertTrue(host.of("NDEATH").isEmpty(), "no NDEATH at all: " + host.of("NDEATH"));
      } finally {
        host.clearState(hostId);
      }
    }
  }

  @Test
  void walkingTheBrokersWhileTheHostIsOfflineGivesNoNdeathWithoutNbirth(@TempDir Path dirA,
      @TempDir Path dirB) throws Exception {
    group = TestPlant.uniqueGroup();
    hostId = "scada-" + group;
    try (MosquittoProcess brokerA = MosquittoProcess.in(dirA).withoutPersistence().logPackets()
            .start();
        MosquittoProcess brokerB = MosquittoProcess.in(dirB).withoutPersistence().logPackets()
            .start();
        SparkplugHost hostA = SparkplugHost.connect(brokerA.url(), group);
        SparkplugHost hostB = SparkplugHost.connect(brokerB.url(), group)) {
      long offline = System.currentTimeMillis();
      hostA.publishState(hostId, false, offline);
      hostB.publishState(hostId, false, offline);
      startGateway(List.of(brokerA.url(), brokerB.url()));
      String clientId = gateway.config().sparkplug().clientId();

      // A, B, then after a round's backoff A and B again: each a new CONNECT with the next bdSeq.
      await().atMost(WAIT).until(() -> connects(brokerA, clientId) + connects(brokerB, clientId)
          >= 4);
      assertTrue(hostA.of("NDEATH").isEmpty() && hostB.of("NDEATH").isEmpty(),
          "no NDEATH for a connection without NBIRTH: " + hostA.of("NDEATH") + hostB.of("NDEATH"));
      assertTrue(disconnects(brokerA, clientId) + disconnects(brokerB, clientId) >= 3,
          "each connection left with a DISCONNECT of its own, so the broker drops its Will");

      long online = System.currentTimeMillis();
      hostA.publishState(hostId, true, online);
      hostB.publishState(hostId, true, online);
      await().atMost(PROMPT).pollInterval(Duration.ofMillis(20))
          .until(() -> !hostA.of("NBIRTH").isEmpty() || !hostB.of("NBIRTH").isEmpty());

      SparkplugHost born = hostA.of("NBIRTH").isEmpty() ? hostB : hostA;
      Received nbirth = born.of("NBIRTH").get(0);
      born.await("DBIRTH", KILN, nbirth.order(), WAIT);
      assertEquals(Set.of(), Stream.of(hostA, hostB).flatMap(h -> h.of("NDEATH").stream())
          .map(Received::bdSeq).collect(Collectors.toSet()), "no NDEATH on either broker");
      // Before the brokers stop.
      gateway.close();
      gateway = null;
    }
  }

  static long connects(MosquittoProcess broker, String clientId) throws IOException {
    return broker.log().stream().filter(l -> l.contains("New client connected")
        && l.contains(" as " + clientId + " ")).count();
  }

  static long disconnects(MosquittoProcess broker, String clientId) throws IOException {
    return broker.log().stream().filter(l -> l.contains("Received DISCONNECT from " + clientId))
        .count();
  }
}
