package io.floorgate.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import io.floorgate.testkit.MqttTestClient.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.tahu.protobuf.SparkplugBProto;
import org.jspecify.annotations.Nullable;

/**
 * A real MQTT 5 subscriber (Paho) on one broker that keeps every message it receives, in arrival
 * order, as bytes: UNS JSON and Sparkplug protobuf alike, with the retain flag and QoS they
 * arrived with. Its client ids begin with {@code recorder-}, so that a broker log can tell the
 * test's sessions from the gateway's.
 */
public final class Recorder implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One message as it arrived. */
  public record Message(String topic, byte[] payload, boolean retained, int qos) {

    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

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

  /** A queue, not a copy-on-write list: a burst of 20,000 must not be copied on every add. */
  private final Queue<Message> messages = new ConcurrentLinkedQueue<>();
  private final AtomicInteger count = new AtomicInteger();
  private final Map<String, Message> latest = new ConcurrentHashMap<>();
  private final MqttTestClient client;

  private Recorder(String url, String filter, Session session) throws MqttException {
    client = MqttTestClient.connect(url, "recorder", session, this::arrived);
    try {
      client.subscribe(filter);
    } catch (MqttException e) {
      client.close();
      throw e;
    }
  }

  /** A subscriber for this test only: a clean session, at QoS 1. */
  public static Recorder subscribe(String url, String filter) throws MqttException {
    return new Recorder(url, filter, Session.CLEAN);
  }

  /**
   * A subscriber whose session outlives a restart of its broker (persistence on, as
   * {@link MosquittoProcess#start(java.nio.file.Path)} runs it): it reconnects by itself and
   * receives what was published meanwhile.
   */
  public static Recorder durable(String url, String filter) throws MqttException {
    return new Recorder(url, filter, Session.DURABLE_RECONNECTING);
  }

  private void arrived(String topic, MqttMessage message) {
    Message m = new Message(topic, message.getPayload(), message.isRetained(), message.getQos());
    messages.add(m);
    latest.put(topic, m);
    count.incrementAndGet();
  }

  /** Every message so far, in arrival order. */
  public List<Message> messages() {
    return List.copyOf(messages);
  }

  public int count() {
    return count.get();
  }

  /** Messages on exactly this topic, in arrival order. */
  public List<Message> on(String topic) {
    return messages.stream().filter(m -> m.topic().equals(topic)).toList();
  }

  /** The JSON of the last message on exactly this topic, or null before one arrives. */
  public @Nullable JsonNode latest(String topic) {
    Message last = latest.get(topic);
    return last == null ? null : last.json();
  }

  public boolean received(String topic) {
    return latest.containsKey(topic);
  }

  /** Those of {@code topics} that nothing arrived on yet. */
  public List<String> missing(String... topics) {
    return Stream.of(topics).filter(t -> !received(t)).toList();
  }

  /** Publishes as a host application would, QoS 0. */
  public void publish(String topic, byte[] payload) throws MqttException {
    client.publish(topic, payload, 0, false);
  }

  /** Removes a retained message from the broker, so runs leave nothing behind. */
  public void clearRetained(String topic) throws MqttException {
    client.clearRetained(topic);
  }

  /** The Receive Maximum the broker announced, seen independently of the code under test. */
  public int brokerReceiveMaximum() {
    return client.brokerReceiveMaximum();
  }

  @Override
  public void close() throws MqttException {
    client.close();
  }
}
