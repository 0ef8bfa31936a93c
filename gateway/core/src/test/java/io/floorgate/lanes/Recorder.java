package io.floorgate.lanes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import io.floorgate.MessageCallback;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.tahu.protobuf.SparkplugBProto;

/**
 * A real MQTT 5 subscriber (Paho) on one broker that keeps every message it receives, in arrival
 * order, as bytes: UNS JSON and Sparkplug protobuf alike.
 */
public final class Recorder implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One message as it arrived. */
  public record Message(String topic, byte[] payload) {

    public JsonNode json() {
      try {
        return JSON.readTree(payload);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON on " + topic, e);
      }
    }

    /** The {@code seq} of a Sparkplug message. */
    public long seq() {
      try {
        return SparkplugBProto.Payload.parseFrom(payload).getSeq();
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("not a Sparkplug payload on " + topic, e);
      }
    }
  }

  private final MqttAsyncClient client;
  private final List<Message> messages = new CopyOnWriteArrayList<>();

  private Recorder(MqttAsyncClient client) {
    this.client = client;
  }

  /** A subscriber for this test only: a clean session. */
  public static Recorder subscribe(String url, String filter) throws MqttException {
    return connect(url, filter, false);
  }

  /**
   * A subscriber whose session outlives a restart of its broker (persistence on, as
   * {@link io.floorgate.MosquittoProcess} runs it): it reconnects by itself and receives what was
   * published meanwhile.
   */
  public static Recorder durable(String url, String filter) throws MqttException {
    return connect(url, filter, true);
  }

  private static Recorder connect(String url, String filter, boolean durable)
      throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(url, "recorder-" + UUID.randomUUID(),
        new MemoryPersistence());
    Recorder recorder = new Recorder(client);
    client.setCallback((MessageCallback) recorder::arrived);
    MqttConnectionOptions options = new MqttConnectionOptions();
    // Mosquitto 2.0 keeps a session across its restart only if it did not begin with clean start.
    options.setCleanStart(!durable);
    if (durable) {
      options.setSessionExpiryInterval(3600L);
      options.setAutomaticReconnect(true);
      options.setAutomaticReconnectDelay(1, 1);
    }
    // Mosquitto sends an MQTT 5 client that states no Receive Maximum 20 messages at a time.
    options.setReceiveMaximum(65_535);
    client.connect(options).waitForCompletion(10_000);
    client.subscribe(filter, 1).waitForCompletion(10_000);
    return recorder;
  }

  private void arrived(String topic, MqttMessage message) {
    messages.add(new Message(topic, message.getPayload()));
  }

  public List<Message> messages() {
    return List.copyOf(messages);
  }

  /** Messages on exactly this topic, in arrival order. */
  public List<Message> on(String topic) {
    return messages.stream().filter(m -> m.topic().equals(topic)).toList();
  }

  public boolean received(String topic) {
    return messages.stream().anyMatch(m -> m.topic().equals(topic));
  }

  /** Those of {@code topics} that nothing arrived on yet. */
  public List<String> missing(String... topics) {
    return Stream.of(topics).filter(t -> !received(t)).toList();
  }

  /** Publishes as a host application would, QoS 0. */
  public void publish(String topic, byte[] payload) throws MqttException {
    client.publish(topic, payload, 0, false).waitForCompletion(10_000);
  }

  @Override
  public void close() throws MqttException {
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(5_000);
      }
    } finally {
      // Forced: a durable recorder may be between two reconnect attempts.
      client.close(true);
    }
  }
}
