package io.floorgate.lanes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floorgate.Floorgate;
import io.floorgate.testkit.MosquittoProcess;
import io.floorgate.testkit.TestPlant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code /health/ready} asks every enabled output: with the UNS lane off, the gateway is ready
 * exactly while the Sparkplug node is online, whatever a UNS broker connection would say.
 */
@Timeout(120)
class ReadinessTest extends LaneTest {

  MosquittoProcess broker;
  GatewayHttp http;

  @Override
  void closeOthers() throws Exception {
    closeAll(broker);
  }

  @Test
  void withUnsOffTheGatewayIsReadyExactlyWhileTheSparkplugNodeIsOnline() throws Exception {
    broker = MosquittoProcess.start(dir.resolve("broker"));
    gateway = Floorgate.start(TestPlant.lanes(plant, dir, """
        mqtt: { url: '%s', clientId: lanes, connectTimeout: 2s }
        uns: { enabled: false }
        sparkplug: { enabled: true }
        """.formatted(broker.url())));
    http = new GatewayHttp(gateway);

    awaitReady(200, true);
    broker.stop();
    awaitReady(503, false);
    broker.start();
    awaitReady(200, true);
  }

  void awaitReady(int status, boolean sparkplugReady) {
    await().atMost(WAIT).untilAsserted(() -> {
      GatewayHttp.Ready ready = http.ready();
      assertEquals(status, ready.status(), ready::toString);
      assertEquals(sparkplugReady, ready.outputReady("sparkplug"), ready::toString);
    });
  }
}
