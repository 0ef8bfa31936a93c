package io.floorgate.bench;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The bench's own Mosquitto: a broker with the settings the bench documents, gone when closed. */
@Timeout(60)
class BrokerHandleTest {

  @Test
  void ownMosquittoAnnouncesTheStockReceiveMaximumAndStopsWhenClosed() throws Exception {
    assumeTrue(Files.isExecutable(BrokerHandle.MOSQUITTO), "Mosquitto is not installed");
    Process process;
    try (BrokerHandle broker = BrokerHandle.open("mosquitto")) {
      process = broker.mosquitto();
      assertNotNull(process);
      MqttAsyncClient client = new MqttAsyncClient(broker.url(), "test-" + UUID.randomUUID(),
          new MemoryPersistence());
      IMqttToken connected = client.connect(new MqttConnectionOptions());
      connected.waitForCompletion(10_000);

      assertEquals(20, connected.getResponseProperties().getReceiveMaximum());

      client.disconnect().waitForCompletion(5_000);
      client.close();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive());
  }
}
