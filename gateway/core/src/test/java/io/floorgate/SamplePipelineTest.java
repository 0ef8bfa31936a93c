package io.floorgate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.config.ConfigLoader;
import io.floorgate.config.GatewayConfig;
import io.floorgate.driver.Sample;
import io.floorgate.driver.Status;
import io.floorgate.normalize.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The start-up burst of a large plant: every tag twice at once (the Read of its value and its
 * subscription's first notification) while the pipeline's thread is busy, which must all wait
 * for normalization and none be dropped.
 */
@Timeout(60)
class SamplePipelineTest {

  static final int TAGS = 80_000;

  static GatewayConfig plant() throws Exception {
    return ConfigLoader.parse("""
        namespace: { enterprise: jxnmm, site: isohara }
        mqtt: { url: tcp://127.0.0.1:1883 }
        connections:
          - name: rhk01
            endpoint: opc.tcp://127.0.0.1:4841/rhk01
            area: calcination
            groups: [ { name: all, tags: [ { path: rhk01/load, node: ns=2;s=L } ] } ]
        """, "burst.yaml", Map.of());
  }

  /** Offers two samples per tag of {@code TAGS} while the first reading is held downstream. */
  static long droppedOfABurst(int capacity, AtomicLong delivered) throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    SamplePipeline pipeline = new SamplePipeline(capacity, new Normalizer(plant()), reading -> {
      delivered.incrementAndGet();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    pipeline.start();
    try {
      Instant now = Instant.now();
      for (int i = 0; i < 2 * TAGS; i++) {
        pipeline.accept(new Sample("rhk01", "rhk01/load", (double) i, Status.GOOD, now, now, now));
      }
      long dropped = pipeline.dropped();
      release.countDown();
      await().atMost(Duration.ofSeconds(30))
          .until(() -> pipeline.processed() + pipeline.dropped() == 2L * TAGS);
      return dropped;
    } finally {
      release.countDown();
      pipeline.close();
    }
  }

  @Test
  void twiceEveryTagAtOnceWaitsAndNoneIsDropped() throws Exception {
    AtomicLong delivered = new AtomicLong();

    long dropped = droppedOfABurst(SamplePipeline.capacityFor(TAGS), delivered);

    assertEquals(0, dropped);
    assertEquals(2L * TAGS, delivered.get(), "every value changed, so every sample went on");
  }

  @Test
  void theLeastCapacityAloneWouldHaveDroppedTheBurst() throws Exception {
    assertTrue(2L * TAGS > SamplePipeline.LEAST_CAPACITY, "the burst is larger than the least");

    long dropped = droppedOfABurst(SamplePipeline.LEAST_CAPACITY, new AtomicLong());

    assertTrue(dropped > 0, "dropped " + dropped);
    assertEquals(2L * TAGS, SamplePipeline.capacityFor(TAGS));
    assertEquals(SamplePipeline.LEAST_CAPACITY, SamplePipeline.capacityFor(1_000));
  }
}
