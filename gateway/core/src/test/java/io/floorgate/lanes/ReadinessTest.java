package io.floorgate.lanes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floorgate.Floorgate;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import io.floorgate.testkit.MosquittoProcess;
import io.floorgate.testkit.TestPlant;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /health/ready} asks every enabled output: with the UNS lane off, the gateway is ready
 * exactly while the Sparkplug node is online, whatever a UNS broker connection would say.
 */
@Timeout(120)
class ReadinessTest {

  static final Duration WAIT = Duration.ofSeconds(30);

  static SimulatedPlant plant;

  @TempDir Path dir;
  MosquittoProcess broker;
  Floorgate gateway;
  GatewayHttp http;

  @BeforeAll
  static void startPlant() {
    plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 12, 0, 1.0));
  }

  @AfterAll
  static void stopPlant() {
    plant.close();
  }

  @AfterEach
  void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    if (broker != null) {
      broker.close();
    }
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
