package io.floorgate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/** A real MQTT subscriber for end-to-end tests: records every message, parsed as JSON. */
public final class MqttProbe implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One received message. */
  public record Received(String topic, JsonNode json, boolean retained) {}

  private final MqttAsyncClient client;
  private final List<Received> messages = new CopyOnWriteArrayList<>();
  private final Map<String, JsonNode> latest = new ConcurrentHashMap<>();

  private MqttProbe(MqttAsyncClient client) {
    this.client = client;
  }

  /** Connects to {@code url} and subscribes to {@code filter} at QoS 1. */
  public static MqttProbe subscribe(String url, String filter) throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(url, "probe-" + UUID.randomUUID(), new MemoryPersistence());
    MqttProbe probe = new MqttProbe(client);
    client.setCallback(probe.callback());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    // Mosquitto sends an MQTT 5 client that states no Receive Maximum only 20 messages at a time.
    options.setReceiveMaximum(65535);
    client.connect(options).waitForCompletion(10_000);
    IMqttToken sub = client.subscribe(filter, 1);
    sub.waitForCompletion(10_000);
    return probe;
  }

  public List<Received> messages() {
    return new ArrayList<>(messages);
  }

  public List<Received> on(String topic) {
    return messages.stream().filter(m -> m.topic().equals(topic)).toList();
  }

  public JsonNode latest(String topic) {
    return latest.get(topic);
  }

  private MessageCallback callback() {
    return (topic, message) -> {
      JsonNode json = JSON.readTree(new String(message.getPayload(), StandardCharsets.UTF_8));
      messages.add(new Received(topic, json, message.isRetained()));
      latest.put(topic, json);
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
