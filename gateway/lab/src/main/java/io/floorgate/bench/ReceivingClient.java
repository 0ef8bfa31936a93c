package io.floorgate.bench;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A Paho MQTT 5 client that only receives: each of the bench's subscribers gives it the filters it
 * counts and one {@link Arrival}.
 */
final class ReceivingClient implements AutoCloseable {

  /** A message as Paho delivers it, on its one callback thread, which it must not block. */
  @FunctionalInterface
  interface Arrival {
    void arrived(String topic, MqttMessage message);
  }

  private static final long TIMEOUT_MS = 15_000;

  private final MqttAsyncClient client;

  private ReceivingClient(MqttAsyncClient client) {
    this.client = client;
  }

  /** Connects with a clean start and subscribes to every filter at QoS 1. */
  static ReceivingClient open(String brokerUrl, String clientIdPrefix, List<String> filters,
      Arrival arrival) throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(brokerUrl, clientIdPrefix + UUID.randomUUID(),
        new MemoryPersistence());
    ReceivingClient receiving = new ReceivingClient(client);
    try {
      client.setCallback(callback(arrival));
      MqttConnectionOptions options = new MqttConnectionOptions();
      options.setCleanStart(true);
      // Mosquitto 2.0 sends a v5 client that states no Receive Maximum only 20 messages at a time.
      options.setReceiveMaximum(65_535);
      client.connect(options).waitForCompletion(TIMEOUT_MS);
      int[] qos = new int[filters.size()];
      Arrays.fill(qos, 1);
      client.subscribe(filters.toArray(String[]::new), qos).waitForCompletion(TIMEOUT_MS);
      return receiving;
    } catch (MqttException | RuntimeException e) {
      receiving.close();
      throw e;
    }
  }

  private static MqttCallback callback(Arrival arrival) {
    return new MqttCallback() {
      @Override
      public void messageArrived(String topic, MqttMessage message) {
        arrival.arrived(topic, message);
      }

      @Override
      public void disconnected(MqttDisconnectResponse response) {}

      @Override
      public void mqttErrorOccurred(MqttException exception) {}

      @Override
      public void deliveryComplete(IMqttToken token) {}

      @Override
      public void connectComplete(boolean reconnect, String serverUri) {}

      @Override
      public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    };
  }

  @Override
  public void close() throws MqttException {
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(5_000);
      }
    } finally {
      client.close();
    }
  }
}
