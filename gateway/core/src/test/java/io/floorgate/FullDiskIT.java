package io.floorgate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.buffer.DiskBuffer;
import io.floorgate.config.ConfigLoader;
import io.floorgate.mqtt.UnsOutput;
import io.floorgate.ops.WorkerWatch;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import io.floorgate.testkit.DurableSubscriber;
import io.floorgate.testkit.Heartbeats;
import io.floorgate.testkit.MosquittoProcess;
import io.floorgate.testkit.SmallDisk;
import io.floorgate.testkit.TestPlant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The buffer's disk (a real 4 MB tmpfs) fills during a broker outage and is freed again before the
 * broker comes back: the gateway keeps running and reading, every heartbeat the PLCs produced is
 * either published or counted as dropped, and publishing resumes. Skipped where a tmpfs cannot be
 * mounted (not root).
 */
@Timeout(300)
class FullDiskIT {

  private static final Logger LOG = LoggerFactory.getLogger(FullDiskIT.class);

  @TempDir Path dir;

  @Test
  void aDiskThatFillsDuringAnOutageDropsAndCountsAndPublishingResumesWhenItEmpties()
      throws Exception {
    String prefix = "fulldisk-" + UUID.randomUUID().toString().substring(0, 8);
    try (SmallDisk disk = SmallDisk.mount(dir.resolve("fs"), 4096);
        SimulatedPlant plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 5, 0, 1.0));
        MosquittoProcess broker = MosquittoProcess.start(dir.resolve("broker"));
        DurableSubscriber historian = new DurableSubscriber(broker.url(), prefix + "/#");
        Floorgate gateway = Floorgate.start(ConfigLoader.parse(TestPlant.heartbeatsYaml(plant,
            broker.url(), prefix, disk.path().resolve("buffer"), 0, "200ms")
            + "api: { port: 0 }\n", "fulldisk.yaml", Map.of()))) {
      outage(disk, broker, historian, gateway);
    }
  }

  private static void outage(SmallDisk disk, MosquittoProcess broker,
      DurableSubscriber historian, Floorgate gateway) throws Exception {
    DiskBuffer buffer = gateway.output(UnsOutput.class).diskBuffer();
    await().atMost(Duration.ofSeconds(60))
        .until(() -> Heartbeats.receivedOfEveryPlc(historian, 10));

    broker.stop();
    await().atMost(Duration.ofSeconds(10)).until(() -> buffer.size() > 30);
    disk.fill(32 * 1024);
    await().atMost(Duration.ofSeconds(30)).until(buffer::inMemoryForWantOfDisk);
    // Full disk: still reading and queueing (in memory), health answers without failing.
    long queuedWhenFull = buffer.lastSeq();
    await().atMost(Duration.ofSeconds(10)).until(() -> buffer.lastSeq() > queuedWhenFull + 30);
    assertNotEquals(500, get(gateway, "/health/ready").statusCode());
    assertEquals(200, get(gateway, "/health/live").statusCode());

    disk.free();
    await().atMost(Duration.ofSeconds(30))
        .until(() -> !buffer.inMemoryForWantOfDisk());
    long beforeBack = buffer.lastSeq();
    broker.start();
    historian.reconnect();

    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
        buffer.size() == 0 && buffer.lastSeq() > beforeBack + 30);
    long produced = 0;
    long published = 0;
    for (String path : TestPlant.HEARTBEATS) {
      Heartbeats beats = new Heartbeats(historian, path);
      long span = beats.max() - beats.values().first() + 1;
      produced += span;
      published += beats.values().size();
      LOG.info("{}: {} produced, {} published", path, span, beats.values().size());
    }
    long dropped = buffer.dropped();
    LOG.info("Full disk during an outage: {} produced, {} published, {} dropped (unwritable {})",
        produced, published, dropped, buffer.droppedUnwritable());
    assertEquals(produced, published + dropped,
        "produced " + produced + ", published " + published + ", dropped " + dropped);
    assertEquals(dropped, buffer.droppedUnwritable());
    assertEquals(0, gateway.droppedSamples());
    assertTrue(WorkerWatch.process().alive(), WorkerWatch.process()::death);
  }

  private static HttpResponse<String> get(Floorgate gateway, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + gateway.api().port() + path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
