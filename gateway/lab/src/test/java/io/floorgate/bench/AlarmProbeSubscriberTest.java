package io.floorgate.bench;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The alarm probe's subscriber against Mosquitto on 127.0.0.1:1883, fed hand-made transitions. */
@Timeout(30)
class AlarmProbeSubscriberTest {

  private final String prefix = "bench-test-" + UUID.randomUUID().toString().substring(0, 8);

  /** A transition as the gateway publishes it (docs/explanation/alarms.md), reduced to what matters here. */
  private static String event(String transition, String name, long sourceMillis) {
    return "{\"type\":\"transition\",\"eventId\":\"" + UUID.randomUUID() + "\",\"transition\":\""
        + transition + "\",\"time\":\"" + Instant.now() + "\",\"by\":\"system\",\"comment\":null,"
        + "\"alarm\":{\"id\":\"bench.rhk01.probe." + name + "\",\"type\":\"DISCRETE\","
        + "\"state\":\"UNACKED\",\"active\":true,\"value\":true,\"quality\":\"GOOD\","
        + "\"sourceTime\":\"" + Instant.ofEpochMilli(sourceMillis) + "\","
        + "\"gatewayTime\":\"" + Instant.ofEpochMilli(sourceMillis) + "\"}}";
  }

  @Test
  void raisesAreTimedFromTheirSourceTimeWhileClearsAreOnlyCounted() throws Exception {
    String topic = prefix + "/jxnmm/isohara/" + BenchConfig.AREA + "/_alarms/events/"
        + BenchConfig.PROBE_TAG + "/";
    try (AlarmProbeSubscriber probe = AlarmProbeSubscriber.start(TestPublisher.BROKER,
            BenchConfig.probeEventsFilter(prefix));
        TestPublisher publisher = new TestPublisher()) {
      probe.startRecording();
      long now = System.currentTimeMillis();

      // The state topic carries no transition; sent first, it would be counted first.
      publisher.publish(prefix + "/jxnmm/isohara/" + BenchConfig.AREA + "/_alarms/state/"
          + BenchConfig.PROBE_TAG + "/high", event("RAISE", "high", now - 300));
      publisher.publish(topic + "high", event("RAISE", "high", now - 300));
      // A CLEAR carries the source time of the reading that raised the alarm, long ago here.
      publisher.publish(topic + "low", event("CLEAR", "low", now - 20_000));
      publisher.publish(topic + "high", event("ACK", "high", now - 300));

      await().atMost(Duration.ofSeconds(10)).until(() -> probe.result().events() == 3);
      AlarmProbeResult r = probe.result();
      assertEquals(1, r.raises(), r::toString);
      assertEquals(1, r.clears(), r::toString);
      assertTrue(r.p50Ms() >= 299 && r.maxMs() < 10_000, r::toString);
    }
  }
}
