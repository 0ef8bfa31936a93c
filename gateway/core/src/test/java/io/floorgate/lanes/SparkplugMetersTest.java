package io.floorgate.lanes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.Floorgate;
import io.floorgate.testkit.MosquittoProcess;
import io.floorgate.testkit.Recorder;
import io.floorgate.testkit.TestPlant;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The edge node's session meters on {@code /metrics} against what a host application saw: a
 * known sequence of births, rebirth requests and messages.
 */
@Timeout(120)
class SparkplugMetersTest extends LaneTest {

  static final String NCMD = "spBv1.0/isohara/NCMD/floorgate";

  MosquittoProcess broker;
  Recorder host;

  @Override
  void closeOthers() throws Exception {
    closeAll(host, broker);
  }

  @Test
  void sessionMetersCountBirthsAndRebirthRequestsAndShowTheLastSeq() throws Exception {
    broker = MosquittoProcess.start(dir.resolve("broker"));
    host = Recorder.subscribe(broker.url(), "spBv1.0/#");
    gateway = Floorgate.start(TestPlant.lanes(plant, dir, """
        mqtt: { url: '%s', clientId: lanes }
        uns: { enabled: false }
        sparkplug: { enabled: true }
        """.formatted(broker.url())));
    GatewayHttp http = new GatewayHttp(gateway);

    awaitBirths(1);
    requestRebirth();
    awaitBirths(2);
    requestRebirth();
    awaitBirths(3);

    // Micrometer holds what a gauge reads weakly: the meters must outlive a collection.
    System.gc();
    await().atMost(WAIT).untilAsserted(() -> {
      String scrape = http.metrics();
      assertEquals(3.0, GatewayHttp.value(scrape, "floorgate_sparkplug_births_total",
          "kind", "node"), "node births");
      assertEquals(3.0 * TestPlant.DEVICES, GatewayHttp.value(scrape,
          "floorgate_sparkplug_births_total", "kind", "device"), "device births");
      assertEquals(2.0, GatewayHttp.value(scrape, "floorgate_sparkplug_rebirth_requests_total"),
          "rebirth requests");
      assertEquals(1.0, GatewayHttp.value(scrape, "floorgate_sparkplug_online"), "online");
    });
    // DATA keeps flowing, so the gauge is compared with the host's last message until they meet,
    // and again at another seq: a gauge stuck at one value would meet the host only now and then.
    long met = awaitSeqMeetsTheHosts(http, -1);
    awaitSeqMeetsTheHosts(http, met);
  }

  /** Waits for a scrape whose seq, other than {@code not}, is that of the host's last message. */
  long awaitSeqMeetsTheHosts(GatewayHttp http, long not) {
    long[] seq = new long[1];
    await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
      seq[0] = (long) http.metric("floorgate_sparkplug_seq");
      assertTrue(seq[0] != not, "seq still " + not);
      assertEquals(lastFromNode().seq(), seq[0], "the seq of the host's last message");
    });
    return seq[0];
  }

  /** Waits until the host has seen {@code n} NBIRTHs and a DBIRTH per device for each. */
  void awaitBirths(int n) {
    await().atMost(WAIT).untilAsserted(() -> {
      assertEquals(n, host.on(TestPlant.NBIRTH).size(), "NBIRTHs");
      assertEquals(n * TestPlant.DEVICES, host.messages().stream()
          .filter(m -> m.topic().startsWith(TestPlant.DBIRTH)).count(), "DBIRTHs");
    });
  }

  /** What a host application sends to have every birth again: NCMD Node Control/Rebirth. */
  void requestRebirth() throws Exception {
    Metric rebirth = new Metric.MetricBuilder("Node Control/Rebirth", MetricDataType.Boolean, true)
        .createMetric();
    host.publish(NCMD, new SparkplugBPayloadEncoder().getBytes(
        new SparkplugBPayload(new Date(), List.of(rebirth)), false));
  }

  /** The last message the node published (the host hears its own commands too). */
  Recorder.Message lastFromNode() {
    return host.messages().stream().filter(m -> !m.topic().contains("CMD/"))
        .reduce((a, b) -> b).orElseThrow();
  }
}
