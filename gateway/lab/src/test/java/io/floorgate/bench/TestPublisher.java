package io.floorgate.bench;

import io.floorgate.testkit.MqttTestClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/** Publishes hand-made payloads to the test broker at QoS 1, each acknowledged before the next. */
final class TestPublisher implements AutoCloseable {

  static final String BROKER = "tcp://127.0.0.1:1883";

  private final MqttTestClient client;

  TestPublisher() throws MqttException {
    client = MqttTestClient.publisher(BROKER, "bench-test-pub");
  }

  void publish(String topic, String payload) throws MqttException {
    publish(topic, payload, false);
  }

  /** {@code historical}: with the user property the gateway marks replayed messages with. */
  void publish(String topic, String payload, boolean historical) throws MqttException {
    MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
    message.setQos(1);
    if (historical) {
      MqttProperties properties = new MqttProperties();
      properties.setUserProperties(List.of(new UserProperty("historical", "true")));
      message.setProperties(properties);
    }
    client.publish(topic, message);
  }

  @Override
  public void close() throws MqttException {
    client.close();
  }
}
