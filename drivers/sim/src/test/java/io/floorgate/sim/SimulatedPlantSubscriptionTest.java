package io.floorgate.sim;

import static org.awaitility.Awaitility.await;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Subscriptions: items are sampled at the PLC's scan, a whole number of scans apart. */
@Timeout(60)
class SimulatedPlantSubscriptionTest {

  private static SimulatedPlant plant;
  private static SimClient client;

  @BeforeAll
  static void startPlant() throws Exception {
    plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 42L, 0, 1.0));
    client = SimClient.connect(plant.plc("RHK01"));
  }

  @AfterAll
  static void stopPlant() throws Exception {
    if (client != null) {
      client.close();
    }
    if (plant != null) {
      plant.close();
    }
  }

  @Test
  void heartbeatSubscriptionReceivesEveryScanValueInOrder() throws Exception {
    List<Integer> values = subscribeToHeartbeat(100.0, 25);
    for (int i = 1; i < values.size(); i++) {
      assertEquals(values.get(i - 1) + 1, values.get(i), () -> "not consecutive: " + values);
    }
  }

  @Test
  void slowerSamplingSeesEveryTenthScan() throws Exception {
    List<Integer> values = subscribeToHeartbeat(1000.0, 3);
    for (int i = 1; i < values.size(); i++) {
      assertEquals(values.get(i - 1) + 10, values.get(i), () -> "not 10 apart: " + values);
    }
  }

  @ParameterizedTest(name = "{0} ms is revised to {1} ms")
  @CsvSource({"0, 100", "50, 100", "100, 100", "250, 300", "1000, 1000"})
  void samplingIntervalIsRevisedToWholeScans(double requested, double revised) throws Exception {
    var subscription = new OpcUaSubscription(client.milo(), 100.0);
    subscription.create();
    try {
      var item = OpcUaMonitoredItem.newDataItem(SimClient.node("RHK01.Zone01.TempPV"));
      item.setSamplingInterval(requested);
      subscription.addMonitoredItem(item);
      subscription.synchronizeMonitoredItems();
      assertEquals(revised, item.getRevisedSamplingInterval().orElseThrow());
    } finally {
      subscription.delete();
    }
  }

  /** The first {@code count} heartbeats a subscription sampling at {@code samplingMs} gets. */
  private static List<Integer> subscribeToHeartbeat(double samplingMs, int count) throws Exception {
    var received = new LinkedBlockingQueue<Integer>();
    var subscription = new OpcUaSubscription(client.milo(), 100.0);
    subscription.create();
    try {
      var item = OpcUaMonitoredItem.newDataItem(SimClient.node("RHK01.Heartbeat"));
      item.setSamplingInterval(samplingMs);
      item.setQueueSize(uint(10));
      // The listener runs on Milo's thread: an unbounded queue's add() never blocks it.
      item.setDataValueListener((i, value) -> received.add((Integer) value.value().value()));
      subscription.addMonitoredItem(item);
      subscription.synchronizeMonitoredItems();
      assertEquals(samplingMs, item.getRevisedSamplingInterval().orElseThrow());
      await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= count);
      return List.copyOf(received);
    } finally {
      subscription.delete();
    }
  }
}
