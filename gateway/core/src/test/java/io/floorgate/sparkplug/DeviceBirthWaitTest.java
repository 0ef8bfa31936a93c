package io.floorgate.sparkplug;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.config.ConfigLoader;
import io.floorgate.config.GatewayConfig;
import io.floorgate.driver.LinkState;
import io.floorgate.driver.Status;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import io.floorgate.reading.TimestampSource;
import io.floorgate.sparkplug.SparkplugHost.Received;
import io.floorgate.testkit.TestPlant;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.tahu.message.model.Metric;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A DBIRTH after the PLC link comes back waits until every metric was read again, at most the
 * birth wait; then it goes out with what there is, the metrics not read again marked STALE. The
 * node is fed readings and link changes directly; the host is a real subscriber on the broker.
 */
@Timeout(120)
class DeviceBirthWaitTest {

  static final String BROKER = "tcp://127.0.0.1:1883";
  static final String ROOT = "jxnmm/isohara/calcination/";
  static final String HEARTBEAT = "rhk01/heartbeat";
  static final String SETPOINT = "rhk01/zone03/setpoint";
  static final Duration WAIT = Duration.ofSeconds(30);

  String group;
  SparkplugHost host;
  SparkplugNode node;

  @BeforeEach
  void connectHost() throws Exception {
    group = TestPlant.uniqueGroup();
    host = SparkplugHost.connect(BROKER, group);
  }

  @AfterEach
  void close() throws Exception {
    if (node != null) {
      node.close();
    }
    host.close();
  }

  /** A node with one device of two tags, born once with heartbeat 1 and setpoint 700. */
  Received bornOnce(Duration birthWait) throws Exception {
    return bornOnce(birthWait, "", List.of());
  }

  /**
   * A node with one device of the heartbeat, the setpoint and {@code more} tags in one group with
   * {@code groupOptions}, born once with every tag read (heartbeat 1, setpoint 700, the others 0).
   */
  Received bornOnce(Duration birthWait, String groupOptions, List<String> more) throws Exception {
    StringBuilder tags = new StringBuilder();
    for (int i = 0; i < more.size(); i++) {
      tags.append("          - { path: ").append(more.get(i)).append(", node: ns=2;s=V")
          .append(i).append(" }\n");
    }
    GatewayConfig config = ConfigLoader.parse("""
        namespace: { enterprise: jxnmm, site: isohara }
        mqtt: { url: '%1$s', clientId: '%2$s-uns' }
        uns: { enabled: false }
        buffer: { directory: 'target/test-buffers/%2$s' }
        sparkplug: { enabled: true, groupId: '%2$s' }
        connections:
          - name: rhk01
            endpoint: opc.tcp://127.0.0.1:4841/rhk01
            area: calcination
            groups:
              - name: all
                %3$s
                tags:
                  - { path: rhk01/heartbeat, node: ns=2;s=RHK01.Heartbeat }
                  - { path: rhk01/zone03/setpoint, node: ns=2;s=RHK01.Zone03.TempSP }
        %4$s""".formatted(BROKER, group, groupOptions, tags), "birth-wait.yaml", Map.of());
    node = new SparkplugNode(config,
        (c, t, v) -> CompletableFuture.failedFuture(new IllegalStateException("no PLC")),
        Backlog.NONE, BdSeqFile.none(), birthWait);
    node.start();
    node.linkChanged("rhk01", LinkState.CONNECTED);
    node.offer(reading(HEARTBEAT, 1L));
    node.offer(reading(SETPOINT, 700.0));
    more.forEach(tag -> node.offer(reading(tag, 0.0)));
    Received birth = host.await("DBIRTH", "rhk01", 0, WAIT);
    node.linkChanged("rhk01", LinkState.DISCONNECTED);
    return host.await("DDEATH", "rhk01", birth.order(), WAIT);
  }

  /** Asserts that no DBIRTH after {@code after} goes out for {@code quiet}. */
  void noBirthFor(Duration quiet, int after) {
    await().during(quiet).atMost(quiet.plusSeconds(2))
        .until(() -> host.find(m -> m.type().equals("DBIRTH"), after).isEmpty());
  }

  static Reading reading(String tag, Object value) {
    Instant now = Instant.now();
    return new Reading("rhk01", ROOT + tag, value, null, Quality.GOOD, Status.GOOD, now, now,
        TimestampSource.SOURCE, now);
  }

  @Test
  void rebirthWaitsUntilEveryMetricWasReadAgain() throws Exception {
    Received death = bornOnce(Duration.ofSeconds(20));

    node.linkChanged("rhk01", LinkState.CONNECTED);
    node.offer(reading(HEARTBEAT, 2L));
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
        .until(() -> host.find(m -> m.type().equals("DBIRTH"), death.order()).isEmpty());
    node.offer(reading(SETPOINT, 710.0));

    Received rebirth = host.await("DBIRTH", "rhk01", death.order(), Duration.ofSeconds(5));
    assertEquals(2L, rebirth.metric(HEARTBEAT).orElseThrow().getValue());
    assertEquals(710.0, rebirth.metric(SETPOINT).orElseThrow().getValue());
    for (Metric m : rebirth.payload().getMetrics()) {
      assertNull(PlcFaultsTest.quality(m), "GOOD needs no Quality property: " + m);
    }
  }

  @Test
  void afterTheWaitTheBirthGoesOutWithMetricsNotReadAgainStale() throws Exception {
    Received death = bornOnce(Duration.ofMillis(1_500));

    long up = System.nanoTime();
    node.linkChanged("rhk01", LinkState.CONNECTED);
    node.offer(reading(HEARTBEAT, 2L));

    Received rebirth = host.await("DBIRTH", "rhk01", death.order(), WAIT);
    long waitedMs = (System.nanoTime() - up) / 1_000_000;
    assertTrue(waitedMs >= 1_400, "waited for the setpoint: " + waitedMs + " ms");
    Metric heartbeat = rebirth.metric(HEARTBEAT).orElseThrow();
    assertEquals(2L, heartbeat.getValue());
    assertNull(PlcFaultsTest.quality(heartbeat));
    assertEquals(Payloads.QUALITY_STALE,
        PlcFaultsTest.quality(rebirth.metric(SETPOINT).orElseThrow()),
        "not read since the link came back: STALE, not the old value as GOOD");

    // Once it is read, DATA says GOOD.
    node.offer(reading(SETPOINT, 700.0));
    Received data = host.await("DDATA", "rhk01", rebirth.order(), WAIT);
    assertEquals(Payloads.QUALITY_GOOD, PlcFaultsTest.quality(data.payload().getMetrics().get(0)));
  }

  @Test
  void aSlowGroupIsWaitedForTwiceItsInterval() throws Exception {
    // The least wait of 500 ms would birth the setpoint STALE; its group reports every 1.5 s.
    Received death = bornOnce(Duration.ofMillis(500),
        "samplingInterval: 1500ms\n        publishingInterval: 1500ms", List.of());

    node.linkChanged("rhk01", LinkState.CONNECTED);
    node.offer(reading(HEARTBEAT, 2L));
    noBirthFor(Duration.ofMillis(1_800), death.order());
    node.offer(reading(SETPOINT, 710.0));

    Received rebirth = host.await("DBIRTH", "rhk01", death.order(), WAIT);
    assertEquals(710.0, rebirth.metric(SETPOINT).orElseThrow().getValue());
    assertNull(PlcFaultsTest.quality(rebirth.metric(SETPOINT).orElseThrow()), "read: GOOD");
  }

  @Test
  void theBirthWaitsOnWhileMetricsAreStillReportingForTheFirstTime() throws Exception {
    // A PLC creating many monitored items reports them over seconds: one every 0.5 s here, the
    // last ones after the least wait of 2 s (twice the default publishing interval).
    List<String> more = List.of("rhk01/load/v0", "rhk01/load/v1", "rhk01/load/v2",
        "rhk01/load/v3", "rhk01/load/v4");
    Received death = bornOnce(Duration.ofSeconds(1), "", more);

    node.linkChanged("rhk01", LinkState.CONNECTED);
    node.offer(reading(HEARTBEAT, 2L));
    node.offer(reading(SETPOINT, 710.0));
    for (int i = 0; i < more.size(); i++) {
      noBirthFor(Duration.ofMillis(500), death.order());
      node.offer(reading(more.get(i), i + 1.0));
    }

    Received rebirth = host.await("DBIRTH", "rhk01", death.order(), WAIT);
    for (int i = 0; i < more.size(); i++) {
      Metric m = rebirth.metric(more.get(i)).orElseThrow();
      assertEquals(i + 1.0, m.getValue(), more.get(i));
      assertNull(PlcFaultsTest.quality(m), more.get(i) + " read before the birth: GOOD");
    }
  }
}
