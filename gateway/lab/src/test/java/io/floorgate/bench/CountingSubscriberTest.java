package io.floorgate.bench;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The bench's subscriber against Mosquitto on 127.0.0.1:1883, fed hand-made payloads. */
@Timeout(30)
class CountingSubscriberTest {

  private static final String AREA_PATH = "jxnmm/isohara/" + BenchConfig.AREA;

  private final String prefix = "bench-test-" + UUID.randomUUID().toString().substring(0, 8);

  /** A batch element as the gateway writes it: the per-tag payload with the tag's path first. */
  private static String element(String tag, double value, long sourceMillis) {
    String time = Instant.ofEpochMilli(sourceMillis).toString();
    return "{\"path\":\"" + AREA_PATH + "/" + tag
        + "\",\"value\":" + value + ",\"unit\":null,\"quality\":\"GOOD\","
        + "\"status\":{\"code\":0,\"name\":\"Good\"},\"timestamp\":\"" + time + "\","
        + "\"timestampSource\":\"SOURCE\",\"sourceTime\":\"" + time + "\","
        + "\"gatewayTime\":\"" + time + "\"}";
  }

  private static String batch(String... elements) {
    return "{\"values\":[" + String.join(",", elements) + "]}";
  }

  @Test
  void batchElementsAreCountedLikeValuesPublishedAloneAndTimedFromTheirOwnSourceTime()
      throws Exception {
    long now = System.currentTimeMillis();
    long twoSecondsAgo = now - 2_000;
    long fourSecondsAgo = now - 4_000;
    String bad = "{\"path\":\"" + BenchConfig.LOAD_PATH + "/v00002\",\"value\":null,"
        + "\"quality\":\"BAD\",\"sourceTime\":\"" + Instant.ofEpochMilli(now) + "\"}";
    try (CountingSubscriber subscriber = CountingSubscriber.start(TestPublisher.BROKER,
            Bench.filters("uns-batched", prefix), 3, false, BenchConfig.LOAD_PATH);
        TestPublisher publisher = new TestPublisher()) {
      subscriber.startRecording();
      String batchTopic = prefix + "/jxnmm/isohara/_batch/rhk01";

      publisher.publish(batchTopic, batch(
          element("rhk01/load/v00000", 1.0, twoSecondsAgo),
          element("rhk01/load/v00001", 1.25, fourSecondsAgo),
          element("rhk01/probe", 1, twoSecondsAgo),
          element("rhk01/load/v00000", 2.0, twoSecondsAgo)));
      // Replayed: update 2 of v00001 never comes, update 1 of v00000 comes again.
      publisher.publish(batchTopic, batch(
          element("rhk01/load/v00001", 3.25, fourSecondsAgo),
          element("rhk01/load/v00000", 1.0, twoSecondsAgo),
          bad), true);
      publisher.publish(BenchConfig.topicRoot(prefix) + "/v00002",
          "{\"value\":5.5,\"sourceTime\":\"" + Instant.ofEpochMilli(twoSecondsAgo) + "\"}");

      // Seven load values; the probe's element is not one.
      await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.messages() == 7);
      assertEquals(new CountingSubscriber.Loss(6, 1, 1, 1), subscriber.loss());
      Histogram latency = subscriber.latencyMicros();
      assertEquals(6, latency.getTotalCount());
      // The histogram keeps three significant digits: 2 s reads back as a little less.
      assertTrue(latency.getMinValue() >= 1_990_000 && latency.getMinValue() < 3_990_000,
          () -> "fastest " + latency.getMinValue() + " µs");
      assertTrue(latency.getMaxValue() >= 3_990_000, () -> "slowest " + latency.getMaxValue() + " µs");
    }
  }
}
