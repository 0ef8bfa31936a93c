package io.floorgate.mqtt;

import io.floorgate.MessageCallback;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/** A real Paho MQTT 5 subscriber on the test broker that keeps what it receives. */
final class TestSubscriber implements AutoCloseable {

  static final String BROKER = "tcp://127.0.0.1:1883";

  /** One message as it arrived. */
  record Received(String topic, String payload, boolean retained, int qos) {}

  private final MqttAsyncClient client;
  private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
  private final int brokerReceiveMaximum;

  TestSubscriber(String filter) throws MqttException {
    this(BROKER, filter);
  }

  TestSubscriber(String broker, String filter) throws MqttException {
    client = new MqttAsyncClient(broker, "sub-" + UUID.randomUUID(), new MemoryPersistence());
    client.setCallback((MessageCallback) (topic, message) -> {
      received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8),
          message.isRetained(), message.getQos()));
    });
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    // Mosquitto 2.0 sends a v5 client that states no Receive Maximum only 20 messages at a time
    // and drops beyond 1000 queued; a subscriber briefly starved of CPU would lose messages.
    options.setReceiveMaximum(65_535);
    IMqttToken connect = client.connect(options);
    connect.waitForCompletion(TimeUnit.SECONDS.toMillis(10));
    assertTrue(client.isConnected(), "test subscriber could not connect to " + broker);
    Integer max = connect.getResponseProperties() == null
        ? null : connect.getResponseProperties().getReceiveMaximum();
    brokerReceiveMaximum = max == null ? 65_535 : max;
    client.subscribe(filter, 1).waitForCompletion(TimeUnit.SECONDS.toMillis(10));
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  int count() {
    return received.size();
  }

  /** The Receive Maximum the broker announced, seen independently of the code under test. */
  int brokerReceiveMaximum() {
    return brokerReceiveMaximum;
  }

  /** Removes a retained message from the broker, so runs leave nothing behind. */
  void clearRetained(String topic) throws MqttException {
    client.publish(topic, new byte[0], 1, true).waitForCompletion(TimeUnit.SECONDS.toMillis(10));
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect().waitForCompletion(TimeUnit.SECONDS.toMillis(5));
    }
    client.close();
  }
}
