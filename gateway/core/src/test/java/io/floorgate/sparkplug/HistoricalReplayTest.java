package io.floorgate.sparkplug;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.eclipse.tahu.message.model.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The store-and-forward seam: readings the node could not publish live (here: the primary host
 * offline) go to its {@link Backlog}, and come back after the births as DATA with
 * {@code is_historical=true} and their own timestamps, before live DATA. The backlog here is a
 * list in memory; the node is fed readings directly.
 */
@Timeout(120)
class HistoricalReplayTest {

  static final String BROKER = "tcp://127.0.0.1:1883";
  static final String HEARTBEAT = "jxnmm/isohara/calcination/rhk01/heartbeat";

  /** Keeps everything in a list, as a store-and-forward queue would on disk; replays by twos. */
  static final class ListBacklog implements Backlog {
    final List<Reading> held = new ArrayList<>();

    @Override
    public void hold(Reading reading) {
      held.add(reading);
    }

    @Override
    public boolean replay(Consumer<List<Reading>> historical) {
      List<Reading> batch = List.copyOf(held.subList(0, Math.min(2, held.size())));
      held.subList(0, batch.size()).clear();
      historical.accept(batch);
      return !held.isEmpty();
    }
  }

  static Reading heartbeat(long value, Instant at) {
    return new Reading("rhk01", HEARTBEAT, value, null, Quality.GOOD, Status.GOOD, at, at,
        TimestampSource.SOURCE, at);
  }

  @Test
  void readingsHeldWhileTheHostIsOfflineFollowTheBirthsAsHistoricalData() throws Exception {
    String group = TestPlant.uniqueGroup();
    String hostId = "scada-" + group;
    GatewayConfig config = ConfigLoader.parse("""
        namespace: { enterprise: jxnmm, site: isohara }
        mqtt: { url: '%1$s', clientId: '%2$s-uns' }
        uns: { enabled: false }
        buffer: { directory: 'target/test-buffers/%2$s' }
        sparkplug: { enabled: true, groupId: '%2$s', primaryHostId: '%3$s' }
        connections:
          - name: rhk01
            endpoint: opc.tcp://127.0.0.1:4841/rhk01
            area: calcination
            groups:
              - name: heartbeat
                tags: [ { path: rhk01/heartbeat, node: ns=2;s=RHK01.Heartbeat } ]
        """.formatted(BROKER, group, hostId), "replay.yaml", Map.of());
    ListBacklog backlog = new ListBacklog();
    Instant start = Instant.now().minusSeconds(60);

    try (SparkplugHost host = SparkplugHost.connect(BROKER, group);
        SparkplugNode node = new SparkplugNode(config,
            (c, t, v) -> CompletableFuture.failedFuture(new IllegalStateException("no PLC")),
            backlog)) {
      host.publishState(hostId, false, System.currentTimeMillis());
      node.start();
      node.linkChanged("rhk01", LinkState.CONNECTED);
      for (int i = 1; i <= 5; i++) {
        node.offer(heartbeat(i, start.plusSeconds(i)));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> backlog.held.size() == 5);

      host.publishState(hostId, true, System.currentTimeMillis());
      Received nbirth = host.await("NBIRTH", null, 0, Duration.ofSeconds(30));
      Received dbirth = host.await("DBIRTH", "rhk01", nbirth.order(), Duration.ofSeconds(30));
      Received history = host.await("DDATA", "rhk01", dbirth.order(), Duration.ofSeconds(30));
      node.offer(heartbeat(6, Instant.now()));
      Received live = host.await(m -> m.type().equals("DDATA")
          && m.payload().getMetrics().get(0).getValue().equals(6L), history.order() - 1,
          Duration.ofSeconds(30));

      assertEquals(5L, dbirth.payload().getMetrics().get(0).getValue(), "birth: latest value");
      List<Metric> replayed = host.messages().stream()
          .filter(m -> m.order() > dbirth.order() && m.order() < live.order())
          .flatMap(m -> m.payload().getMetrics().stream()).toList();
      assertEquals(List.of(1L, 2L, 3L, 4L, 5L), replayed.stream().map(Metric::getValue).toList());
      for (int i = 0; i < replayed.size(); i++) {
        assertTrue(replayed.get(i).isHistorical(), "is_historical on " + replayed.get(i));
        assertEquals(start.plusSeconds(i + 1).toEpochMilli(),
            replayed.get(i).getTimestamp().getTime(), "original timestamp");
      }
      assertEquals(3, host.of("DDATA").stream().filter(m -> m.order() < live.order()).count(),
          "the backlog in batches of two, one message each");
      Metric now = live.payload().getMetrics().get(0);
      assertEquals(6L, now.getValue());
      assertNotEquals(Boolean.TRUE, now.getIsHistorical(), "live DATA is not historical");
      host.clearState(hostId);
    }
  }
}
