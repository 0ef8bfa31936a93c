package io.floorgate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.buffer.BufferedReading;
import io.floorgate.buffer.DiskBuffer;
import io.floorgate.config.BufferConfig;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import io.floorgate.testkit.DurableSubscriber;
import io.floorgate.testkit.Heartbeats;
import io.floorgate.testkit.MosquittoProcess;
import io.floorgate.testkit.TestPlant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Broker down, gateway killed with {@code kill -9}, gateway restarted, broker back: what the
 * gateway had queued before the crash arrives, and the only heartbeat values missing are those the
 * PLCs produced while no gateway process was running.
 */
@Timeout(300)
class CrashRecoveryTest {

  /** Read from the PLC, not yet committed to disk: the subscription's and the commit's delay. */
  static final Duration IN_FLIGHT_AT_CRASH = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(CrashRecoveryTest.class);

  @TempDir Path dir;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  @Test
  void whatWasQueuedBeforeKillNineIsSentAfterTheRestart() throws Exception {
    SimulatedPlant plant = open(SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 9, 0, 1.0)));
    MosquittoProcess broker = open(MosquittoProcess.start(dir.resolve("broker")));
    String prefix = "crash-" + UUID.randomUUID().toString().substring(0, 8);
    DurableSubscriber historian = open(new DurableSubscriber(broker.url(), prefix + "/#"));
    Path buffer = dir.resolve("buffer");
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(config,
        TestPlant.heartbeatsYaml(plant, broker.url(), prefix, buffer, 0, "200ms"));

    GatewayProcess first = open(GatewayProcess.run(config, dir.resolve("first.log")));
    await().atMost(Duration.ofSeconds(90))
        .until(() -> Heartbeats.receivedOfEveryPlc(historian, 10));
    broker.stop();
    // Queued on disk while the broker is away: some seconds of heartbeats.
    await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(first::isAlive);
    Instant killedAt = Instant.now();
    first.killNine();
    assertFalse(first.isAlive());
    Map<String, TreeSet<Long>> queuedAtCrash = heartbeatsIn(buffer);

    GatewayProcess second = open(GatewayProcess.run(config, dir.resolve("second.log")));
    await().atMost(Duration.ofSeconds(60)).until(() -> second.log().contains("not reachable"));
    broker.start();
    historian.reconnect();

    for (String path : TestPlant.HEARTBEATS) {
      TreeSet<Long> queued = queuedAtCrash.get(path);
      assertTrue(queued != null && queued.size() >= 20, path + " queued at the crash: " + queued);
      await().atMost(Duration.ofSeconds(90)).until(() -> {
        Heartbeats beats = new Heartbeats(historian, path);
        return beats.values().containsAll(queued) && beats.max() > queued.last() + 30;
      });
      Heartbeats beats = new Heartbeats(historian, path);
      LOG.info("{}; {} values {}..{} were queued at the crash", beats, queued.size(),
          queued.first(), queued.last());
      List<long[]> gaps = beats.gaps();
      assertEquals(1, gaps.size(), "one gap, while no gateway ran: " + beats);
      Instant lastBeforeGap = beats.sourceTime(gaps.get(0)[0] - 1);
      assertTrue(!lastBeforeGap.isBefore(killedAt.minus(IN_FLIGHT_AT_CRASH)), path
          + ": values read well before the kill are missing; the last before the gap is from "
          + lastBeforeGap + ", the kill at " + killedAt);
      Instant firstAfterGap = beats.sourceTime(gaps.get(0)[1] + 1);
      assertTrue(firstAfterGap.isAfter(killedAt), path + ": " + firstAfterGap);
      assertEquals(List.of(), beats.outOfOrder(false), "live lane order of " + path);
      assertEquals(List.of(), beats.outOfOrder(true), "replayed lane order of " + path);
    }
    assertTrue(second.log().contains("queued by an earlier run"), second.log());
  }

  /** The heartbeat values in the buffer file, read as the restarted gateway will read them. */
  private static Map<String, TreeSet<Long>> heartbeatsIn(Path buffer) {
    Map<String, TreeSet<Long>> values = new HashMap<>();
    try (DiskBuffer queue = DiskBuffer.open(BufferConfig.in(buffer))) {
      for (BufferedReading r : queue.read(0, Long.MAX_VALUE, Integer.MAX_VALUE)) {
        for (String path : TestPlant.HEARTBEATS) {
          if (r.reading().path().endsWith(path) && r.reading().value() instanceof Number n) {
            values.computeIfAbsent(path, p -> new TreeSet<>()).add(n.longValue());
          }
        }
      }
    }
    return values;
  }

  private <T extends AutoCloseable> T open(T closeable) {
    toClose.add(closeable);
    return closeable;
  }
}
