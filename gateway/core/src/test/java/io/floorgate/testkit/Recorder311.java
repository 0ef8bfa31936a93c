package io.floorgate.testkit;

import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A real MQTT 3.1.1 subscriber (Paho mqttv3), as a consumer on a 3.1.1-only plant broker is: it
 * sees no MQTT 5 property, only topic, payload, retain flag and QoS. Keeps every message in
 * arrival order, as {@link Recorder} does.
 */
public final class Recorder311 implements AutoCloseable {

  private static final long WAIT_MS = 10_000;

  private final Queue<Recorder.Message> messages = new ConcurrentLinkedQueue<>();
  private final MqttAsyncClient client;

  private Recorder311(String url, String filter) throws MqttException {
    client = new MqttAsyncClient(url, "recorder-" + UUID.randomUUID(), new MemoryPersistence());
    client.setCallback(new MqttCallback() {
      @Override
      public void connectionLost(Throwable cause) {}

      @Override
      public void messageArrived(String topic, MqttMessage message) {
        messages.add(new Recorder.Message(topic, message.getPayload(), message.isRetained(),
            message.getQos()));
      }

      @Override
      public void deliveryComplete(IMqttDeliveryToken token) {}
    });
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    options.setCleanSession(true);
    try {
      client.connect(options).waitForCompletion(WAIT_MS);
      client.subscribe(filter, 1).waitForCompletion(WAIT_MS);
    } catch (MqttException e) {
      client.close(true);
      throw e;
    }
  }

  /**
   * Subscribes {@code filter} at QoS 1 with a clean session; returns once subscribed. Moquette
   * 0.17 can drop a connection whose SUBSCRIBE arrives while its session is still CONNECTING
   * ("SUBSCRIBE received on already closed connection", a race in its session registry seen on
   * a loaded machine), so a connection lost during the subscribe is made again, up to three times.
   */
  public static Recorder311 subscribe(String url, String filter) throws MqttException {
    for (int attempt = 1; ; attempt++) {
      try {
        return new Recorder311(url, filter);
      } catch (MqttException e) {
        if (attempt == 3 || e.getReasonCode() != MqttException.REASON_CODE_CONNECTION_LOST) {
          throw e;
        }
      }
    }
  }

  /** Every message so far, in arrival order. */
  public List<Recorder.Message> messages() {
    return List.copyOf(messages);
  }

  /** Messages on exactly this topic, in arrival order. */
  public List<Recorder.Message> on(String topic) {
    return messages.stream().filter(m -> m.topic().equals(topic)).toList();
  }

  /** Those of {@code topics} that nothing arrived on yet. */
  public List<String> missing(String... topics) {
    return List.of(topics).stream()
        .filter(t -> messages.stream().noneMatch(m -> m.topic().startsWith(t))).toList();
  }

  @Override
  public void close() throws MqttException {
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(WAIT_MS);
      }
    } finally {
      client.close(true);
    }
  }
}
