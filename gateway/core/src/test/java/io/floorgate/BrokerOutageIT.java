package io.floorgate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.config.ConfigLoader;
import io.floorgate.mqtt.UnsOutput;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import io.floorgate.testkit.DurableSubscriber;
import io.floorgate.testkit.Heartbeats;
import io.floorgate.testkit.MosquittoProcess;
import io.floorgate.testkit.TestPlant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker goes away for 30 s under a load of a few thousand values/s and comes back: every
 * heartbeat value the PLCs produced arrives, live and replayed lanes each in order, none dropped.
 */
@Timeout(300)
class BrokerOutageIT {

  /** 500 load variables changing 5 times a second: 2,500 values/s besides the heartbeats. */
  static final int LOAD_TAGS = 500;
  static final double LOAD_HZ = 5.0;
  static final Duration OUTAGE = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(BrokerOutageIT.class);

  @TempDir Path dir;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  @Test
  void everyHeartbeatArrivesInOrderAfterThirtySecondsWithoutBroker() throws Exception {
    SimulatedPlant plant = open(SimulatedPlant.start(
        new SimOptions("127.0.0.1", 0, 5, LOAD_TAGS, LOAD_HZ)));
    MosquittoProcess broker = open(MosquittoProcess.start(dir.resolve("broker")));
    String prefix = "outage-" + UUID.randomUUID().toString().substring(0, 8);
    DurableSubscriber historian = open(new DurableSubscriber(broker.url(), prefix + "/#"));
    Floorgate gateway = open(Floorgate.start(ConfigLoader.parse(
        TestPlant.heartbeatsYaml(plant, broker.url(), prefix, dir.resolve("buffer"), LOAD_TAGS,
            "200ms"), "outage.yaml", Map.of())));
    await().atMost(Duration.ofSeconds(60))
        .until(() -> Heartbeats.receivedOfEveryPlc(historian, 10));
    long beforeOutage = new Heartbeats(historian, TestPlant.HEARTBEATS.get(0)).max();

    broker.stop();
    // The gateway keeps reading and queueing for the whole outage, dropping nothing.
    await().during(OUTAGE).atMost(OUTAGE.plusSeconds(15)).until(() ->
        !gateway.output(UnsOutput.class).publisher().isConnected() && gateway.droppedSamples() == 0
            && gateway.output(UnsOutput.class).publisher().dropped() == 0);
    long queued = gateway.output(UnsOutput.class).diskBuffer().size();
    broker.start();
    historian.reconnect();

    // Live data flows again, and the backlog has drained (every reading acknowledged).
    long expectedTop = beforeOutage + OUTAGE.toMillis() / 100 + 30;
    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() ->
        new Heartbeats(historian, TestPlant.HEARTBEATS.get(0)).max() >= expectedTop
            && gateway.output(UnsOutput.class).diskBuffer().size() < 1_000);
    for (String path : TestPlant.HEARTBEATS) {
      // On a timeout, the heartbeats as last seen (their gaps, duplicates, lanes) say why.
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        Heartbeats seen = new Heartbeats(historian, path);
        assertTrue(seen.gaps().isEmpty(), seen::toString);
      });
      Heartbeats beats = new Heartbeats(historian, path);
      LOG.info("{} ({} readings were queued when the broker came back)", beats, queued);
      assertTrue(beats.gaps().isEmpty(), beats::toString);
      assertEquals(List.of(), beats.outOfOrder(false), "live lane order of " + path);
      assertEquals(List.of(), beats.outOfOrder(true), "replayed lane order of " + path);
      TreeSet<Long> replayed = beats.lane(true);
      assertTrue(replayed.size() >= OUTAGE.toMillis() / 100 - 10,
          path + ": the outage's beats come as replayed, got " + replayed.size());
      assertTrue(beats.values().first() <= beforeOutage - 5 && beats.max() >= expectedTop - 30,
          beats::toString);
    }
    assertEquals(0, gateway.output(UnsOutput.class).publisher().dropped());
    assertEquals(0, gateway.droppedSamples());
    assertEquals(0, gateway.output(UnsOutput.class).publisher().failed());
  }

  private <T extends AutoCloseable> T open(T closeable) {
    toClose.add(closeable);
    return closeable;
  }
}
