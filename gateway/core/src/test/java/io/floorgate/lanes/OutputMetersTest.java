package io.floorgate.lanes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.Floorgate;
import io.floorgate.testkit.MosquittoProcess;
import io.floorgate.testkit.TestPlant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What {@code /metrics} shows of each output, under the output's or the lane's name: its broker
 * connection ({@code client}) and its store-and-forward buffer ({@code output}).
 */
@Timeout(60)
class OutputMetersTest extends LaneTest {

  MosquittoProcess broker;

  @Override
  void closeOthers() throws Exception {
    closeAll(broker);
  }

  @Test
  void everyLanesConnectionAndEveryOutputsBufferAreOnMetrics() throws Exception {
    broker = MosquittoProcess.start(dir.resolve("broker"));
    gateway = Floorgate.start(TestPlant.lanes(plant, dir, """
        mqtt: { url: '%s', clientId: lanes }
        sparkplug: { enabled: true }
        alarms:
          %s
        """.formatted(broker.url(), TestPlant.HI_RULES)));
    GatewayHttp http = new GatewayHttp(gateway);
    // Micrometer holds what a gauge reads weakly: the meters must outlive a collection.
    System.gc();

    await().atMost(WAIT).untilAsserted(() -> {
      String scrape = http.metrics();
      for (String client : new String[] {"telemetry", "sparkplug", "alarms"}) {
        assertEquals(1.0, GatewayHttp.value(scrape, "floorgate_mqtt_connected", "client", client),
            client);
      }
      for (String output : new String[] {"uns", "sparkplug"}) {
        assertTrue(GatewayHttp.value(scrape, "floorgate_buffer_depth", "output", output) >= 0,
            output);
        assertTrue(GatewayHttp.value(scrape, "floorgate_buffer_oldest_age_seconds",
            "output", output) >= 0, output);
      }
    });
  }
}
