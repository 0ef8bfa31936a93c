package io.floorgate.mqtt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.buffer.DiskBuffer;
import io.floorgate.config.ConfigLoader;
import io.floorgate.config.MqttConfig;
import io.floorgate.config.Namespace;
import io.floorgate.driver.Backoff;
import io.floorgate.testkit.MosquittoProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The telemetry lane's waits between connects to a broker that is down (a loopback port nothing
 * listens on), as {@code mqtt.reconnect} configures them: read from the delays the lane's
 * connection schedules, not from the wall clock.
 */
@Timeout(60)
class ReconnectDelayTest {

  private static final String YAML = """
      namespace: { enterprise: jxnmm, site: isohara }
      mqtt: { url: 'tcp://127.0.0.1:%d'%s }
      connections:
        - name: kiln
          endpoint: opc.tcp://127.0.0.1:4841/kiln
          area: calcination
          groups: [ { name: all, tags: [ { path: k/temp, node: ns=2;s=T, unit: °C } ] } ]
      """;

  @TempDir Path dir;
  private final Namespace namespace = new Namespace("jxnmm", "isohara", Readings.uniquePrefix());

  private static MqttConfig mqtt(int port, String extra) throws Exception {
    return ConfigLoader.parse(YAML.formatted(port, extra), "reconnect.yaml", Map.of()).mqtt();
  }

  @Test
  void waitsDoubleFromTheInitialDelayAndNeverExceedTheConfiguredMaxDelay() throws Exception {
    MqttConfig config = mqtt(MosquittoProcess.freePort(),
        ", reconnect: { initialDelay: 100ms, maxDelay: 400ms }");
    List<Duration> delays = new CopyOnWriteArrayList<>();
    try (DiskBuffer buffer = Readings.buffer(dir)) {
      MqttPublisher publisher = new MqttPublisher(config, namespace, buffer, 0);
      publisher.connection().onRetry(delays::add);
      publisher.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> delays.size() >= 7);
      publisher.close();
    }

    // 100 ms, 200 ms, then 400 ms from the third on; each spread by ±20 %, none above the cap.
    within(80, 120, delays.get(0), delays);
    within(160, 240, delays.get(1), delays);
    for (Duration delay : delays.subList(2, delays.size())) {
      within(320, 400, delay, delays);
    }
  }

  @Test
  void withoutTheSectionTheLaneWaitsOneSecondDoublingToThirty() throws Exception {
    MqttConfig config = mqtt(MosquittoProcess.freePort(), "");
    List<Duration> delays = new CopyOnWriteArrayList<>();
    try (DiskBuffer buffer = Readings.buffer(dir)) {
      MqttPublisher publisher = new MqttPublisher(config, namespace, buffer, 0);
      publisher.connection().onRetry(delays::add);
      publisher.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> !delays.isEmpty());
      publisher.close();

      assertEquals(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30)),
          publisher.connection().backoff());
    }
    within(800, 1200, delays.get(0), delays);
  }

  private static void within(long minMillis, long maxMillis, Duration delay,
      List<Duration> all) {
    assertTrue(delay.toMillis() >= minMillis && delay.toMillis() <= maxMillis,
        () -> delay.toMillis() + " ms is outside " + minMillis + ".." + maxMillis + " ms; all: "
            + all);
  }
}
