package io.floorgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floorgate.testkit.MqttTestClient.Session;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * A historian-like subscriber: a persistent session (one hour), QoS 1, so that after a broker
 * restart it resumes where it was and gets what was published while it reconnected. Records every
 * message with whether the publisher marked it as replayed ({@code historical} user property).
 */
public final class DurableSubscriber implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One message as it arrived. */
  public record Received(String topic, JsonNode json, boolean historical) {}

  /** Per topic, in arrival order; a load of 100k messages must not be copied on every add. */
  private final Map<String, Queue<Received>> byTopic = new ConcurrentHashMap<>();
  private final AtomicLong count = new AtomicLong();
  private final String filter;
  private final MqttTestClient client;

  public DurableSubscriber(String url, String filter) throws MqttException {
    this.filter = filter;
    this.client = MqttTestClient.connect(url, "historian", Session.DURABLE, this::arrived);
    client.subscribe(filter);
  }

  /** After the broker came back: resumes the session, retrying until the broker answers. */
  public void reconnect() {
    client.reconnect();
  }

  /** How many messages arrived, on every topic (load and metadata only counted). */
  public long count() {
    return count.get();
  }

  /** Messages on the topic ending with {@code suffix}, in arrival order. */
  public List<Received> on(String suffix) {
    for (Map.Entry<String, Queue<Received>> topic : byTopic.entrySet()) {
      if (topic.getKey().endsWith(suffix)) {
        return List.copyOf(topic.getValue());
      }
    }
    return List.of();
  }

  public String filter() {
    return filter;
  }

  private void arrived(String topic, MqttMessage message) throws Exception {
    count.incrementAndGet();
    if (topic.endsWith("/_meta") || topic.contains("/load/")) {
      // Load is there to load the gateway; only its count matters here.
      return;
    }
    JsonNode json = JSON.readTree(new String(message.getPayload(), StandardCharsets.UTF_8));
    List<UserProperty> props = message.getProperties() == null
        ? List.of() : message.getProperties().getUserProperties();
    boolean historical = props != null && props.stream()
        .anyMatch(p -> p.getKey().equals("historical") && p.getValue().equals("true"));
    byTopic.computeIfAbsent(topic, t -> new ConcurrentLinkedQueue<>())
        .add(new Received(topic, json, historical));
  }

  @Override
  public void close() throws MqttException {
    client.close();
  }
}
