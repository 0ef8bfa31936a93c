package io.floorgate.driver.opcua;

import static io.floorgate.driver.opcua.Specs.HEARTBEAT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.driver.opcua.NetworkFaults.Fault;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.milo.opcua.sdk.client.DiscoveryClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfig;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PublishResponses that reach the client late or never, against the simulator's real server; the
 * heartbeat (one step per 100 ms scan, one data message per publishing interval) shows whether
 * any message was delivered twice or a value went backwards.
 */
@Timeout(60)
class RepublishTest {

  private static final int FAULTS = 4;

  private static SimulatedPlant plant;
  private static String rhk01;

  @BeforeAll
  static void startPlant() {
    plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 42, 0, 1.0));
    rhk01 = plant.plc("RHK01").endpointUrl();
  }

  @AfterAll
  static void stopPlant() {
    plant.close();
  }

  @Test
  void lateResponsesLoseNothingAndTheTagNeverGoesBackwards() throws Exception {
    Run run = subscribe(true, Fault.LATE);

    assertTrue(run.network.disturbed() >= FAULTS, run.toString());
    assertRising(run.delivered);
    assertEquals(new TreeSet<>(run.fromMilo), new TreeSet<>(run.delivered), "every value Milo got reaches the gateway");
    assertEquals(0, run.reportedLost.get(), "nothing was lost, nothing may be reported: " + run);
  }

  @Test
  void lostResponsesAreRepublishedAndTheTagNeverGoesBackwards() throws Exception {
    Run run = subscribe(true, Fault.LOST);

    assertTrue(run.network.republishRequests() >= FAULTS, run.toString());
    assertRising(run.delivered);
    assertEquals(new TreeSet<>(run.fromMilo), new TreeSet<>(run.delivered), "every value Milo got reaches the gateway");
    assertEquals(0, run.reportedLost.get(), "the server had every message: " + run);
  }

  /** Without the ledger, late responses make Milo 1.1 deliver a message twice: the control. */
  @Test
  void withoutTheLedgerMiloDeliversARepublishedMessageAgain() throws Exception {
    Run run = subscribe(false, Fault.LATE);

    assertTrue(run.network.republishRequests() >= 1, run.toString());
    assertTrue(new HashSet<>(run.fromMilo).size() < run.fromMilo.size(),
        "expected a heartbeat delivered twice: " + run.fromMilo);
  }

  /**
   * @param fromMilo  the heartbeat values Milo delivered, in order
   * @param delivered the heartbeat values the driver's delivery passed on to the gateway
   */
  private record Run(NetworkFaults network, List<Integer> fromMilo, List<Integer> delivered,
      AtomicInteger reportedLost) {}

  private static Run subscribe(boolean withLedger, Fault fault) throws Exception {
    var network = new NetworkFaults(fault, 3);
    OpcUaClient client = new OpcUaClient(config(), withLedger ? network.ledger() : network.plain());
    client.connectAsync().get(10, TimeUnit.SECONDS);
    List<Integer> fromMilo = new CopyOnWriteArrayList<>();
    var sink = new CollectingSink();
    var delivery = new Delivery("rhk01", sink);
    var heartbeat = new ResolvedTag(Specs.tag("heartbeat", HEARTBEAT), NodeId.parse(HEARTBEAT));
    var reportedLost = new AtomicInteger();
    try {
      var sub = new OpcUaSubscription(client, 100.0);
      sub.setSubscriptionListener(new OpcUaSubscription.SubscriptionListener() {
        @Override
        public void onNotificationDataLost(OpcUaSubscription s) {
          PublishLedger l = PublishLedger.of(s.getClient());
          reportedLost.addAndGet(l == null ? 1 : s.getSubscriptionId().map(l::takeMissing).orElse(0));
        }
      });
      OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(heartbeat.nodeId());
      item.setSamplingInterval(50.0);
      item.setDataValueListener((i, v) -> {
        fromMilo.add((Integer) v.value().value());
        delivery.value(heartbeat, v, LiveOrder.Source.SUBSCRIPTION);
      });
      sub.addMonitoredItem(item);
      sub.create();
      sub.createMonitoredItems();

      await().atMost(Duration.ofSeconds(30)).until(() -> network.disturbed() >= FAULTS
          && fromMilo.size() >= 30 && (fault == Fault.LATE || network.republishRequests() >= FAULTS));
      sub.delete();
    } finally {
      client.disconnectAsync().get(10, TimeUnit.SECONDS);
    }
    List<Integer> delivered = sink.samplesFor("heartbeat").stream().map(s -> ((Number) s.value()).intValue()).toList();
    return new Run(network, new ArrayList<>(fromMilo), delivered, reportedLost);
  }

  private static OpcUaClientConfig config() throws Exception {
    var endpoint = DiscoveryClient.getEndpoints(rhk01).get(10, TimeUnit.SECONDS).stream()
        .filter(e -> SecurityPolicy.None.getUri().equals(e.getSecurityPolicyUri()))
        .findFirst().orElseThrow();
    return OpcUaClientConfig.builder()
        .setEndpoint(endpoint)
        .setApplicationName(LocalizedText.english("republish test"))
        .setApplicationUri("urn:floorgate:test:republish")
        .build();
  }

  private static void assertRising(List<Integer> beats) {
    for (int i = 1; i < beats.size(); i++) {
      assertTrue(beats.get(i) > beats.get(i - 1), "heartbeat not rising at " + i + ": " + beats);
    }
  }
}
