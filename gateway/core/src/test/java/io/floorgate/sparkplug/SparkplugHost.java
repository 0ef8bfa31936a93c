package io.floorgate.sparkplug;

import io.floorgate.testkit.MqttTestClient;
import io.floorgate.testkit.MqttTestClient.Session;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.eclipse.tahu.model.MetricDataTypeMap;
import org.jspecify.annotations.Nullable;

/**
 * A Sparkplug host for tests: a real Paho subscriber on {@code spBv1.0/{group}/#} that decodes
 * every message with Tahu (DATA with the data types of the device's last birth, as a host must)
 * and keeps them in arrival order, with the QoS and retain flag they were published with. It can
 * also act as the primary host (STATE) and send NCMD and DCMD.
 */
final class SparkplugHost implements AutoCloseable {

  /** One received message. */
  record Received(int order, String topic, String type, @Nullable String device, int qos,
      boolean retained, SparkplugBPayload payload, int bytes) {

    @Nullable Long seq() {
      return payload.getSeq();
    }

    Optional<Metric> metric(String name) {
      return payload.getMetrics().stream().filter(m -> name.equals(m.getName())).findFirst();
    }

    long bdSeq() {
      return (Long) metric(Payloads.BD_SEQ).orElseThrow().getValue();
    }
  }

  private final String group;
  private final List<Received> messages = new CopyOnWriteArrayList<>();
  private final Map<String, MetricDataTypeMap> birthTypes = new ConcurrentHashMap<>();
  private final List<Throwable> decodeFailures = new CopyOnWriteArrayList<>();
  private final MqttTestClient client;

  private SparkplugHost(String url, String group) throws MqttException {
    this.group = group;
    this.client = MqttTestClient.connect(url, "host", Session.CLEAN, this::received);
  }

  /** Connects to {@code url} and subscribes to the group's messages (retain as published). */
  static SparkplugHost connect(String url, String group) throws MqttException {
    SparkplugHost host = new SparkplugHost(url, group);
    MqttSubscription all = new MqttSubscription(SparkplugTopics.NAMESPACE + "/" + group + "/#", 1);
    // So that a retained flag set by the publisher reaches us as it was set.
    all.setRetainAsPublished(true);
    host.client.subscribe(all);
    return host;
  }

  List<Received> messages() {
    return new ArrayList<>(messages);
  }

  List<Received> of(String type) {
    return messages.stream().filter(m -> m.type().equals(type)).toList();
  }

  List<Received> after(Received first) {
    return messages.stream().filter(m -> m.order() > first.order()).toList();
  }

  List<Throwable> decodeFailures() {
    return decodeFailures;
  }

  /** Waits for the first message after {@code since} (exclusive) that matches. */
  Received await(Predicate<Received> match, int since, Duration atMost) {
    org.awaitility.Awaitility.await().atMost(atMost)
        .until(() -> find(match, since).isPresent());
    return find(match, since).orElseThrow();
  }

  Received await(String type, @Nullable String device, int since, Duration atMost) {
    return await(m -> m.type().equals(type) && (device == null || device.equals(m.device())),
        since, atMost);
  }

  Optional<Received> find(Predicate<Received> match, int since) {
    return messages.stream().filter(m -> m.order() > since).filter(match).findFirst();
  }

  int lastOrder() {
    return messages.isEmpty() ? 0 : messages.get(messages.size() - 1).order();
  }

  /** Publishes the primary host's STATE, retained, QoS 1, as a host application does. */
  void publishState(String hostId, boolean online, long timestamp) throws MqttException {
    byte[] json = ("{\"online\":" + online + ",\"timestamp\":" + timestamp + "}")
        .getBytes(StandardCharsets.UTF_8);
    client.publish(SparkplugTopics.state(hostId), json, 1, true);
  }

  /** Clears a retained STATE, so later tests do not see it. */
  void clearState(String hostId) throws MqttException {
    client.clearRetained(SparkplugTopics.state(hostId));
  }

  void sendNodeCommand(String node, Metric... metrics) throws Exception {
    send(SparkplugTopics.NAMESPACE + "/" + group + "/NCMD/" + node, metrics, false);
  }

  /** A DCMD, with the data types stripped as Sparkplug recommends when {@code stripTypes}. */
  void sendDeviceCommand(String node, String device, boolean stripTypes, Metric... metrics)
      throws Exception {
    send(SparkplugTopics.NAMESPACE + "/" + group + "/DCMD/" + node + "/" + device, metrics,
        stripTypes);
  }

  /** A DCMD whose payload is {@code bytes} as they are, Sparkplug B or not. */
  void sendRawDeviceCommand(String node, String device, byte[] bytes) throws Exception {
    client.publish(SparkplugTopics.NAMESPACE + "/" + group + "/DCMD/" + node + "/" + device,
        bytes, 0, false);
  }

  private void send(String topic, Metric[] metrics, boolean stripTypes) throws Exception {
    SparkplugBPayload payload = new SparkplugBPayload(new Date(), List.of(metrics));
    byte[] bytes = new SparkplugBPayloadEncoder().getBytes(payload, stripTypes);
    client.publish(topic, bytes, 0, false);
  }

  private synchronized void received(String topic, MqttMessage message) {
    String[] levels = topic.split("/");
    String type = levels.length > 2 ? levels[2] : "?";
    String device = levels.length > 4 ? levels[4] : null;
    String key = device == null ? "" : device;
    try {
      MetricDataTypeMap types = type.startsWith("D") && !type.equals("DBIRTH")
          ? birthTypes.getOrDefault(key, new MetricDataTypeMap()) : new MetricDataTypeMap();
      SparkplugBPayload payload = new SparkplugBPayloadDecoder()
          .buildFromByteArray(message.getPayload(), types);
      if (type.equals("DBIRTH")) {
        MetricDataTypeMap map = new MetricDataTypeMap();
        for (Metric m : payload.getMetrics()) {
          map.addMetricDataType(m.getName(), m.getDataType());
          if (m.hasAlias()) {
            map.addMetricDataType(m.getAlias(), m.getDataType());
          }
        }
        birthTypes.put(key, map);
      }
      messages.add(new Received(messages.size() + 1, topic, type, device, message.getQos(),
          message.isRetained(), payload, message.getPayload().length));
    } catch (Exception e) {
      decodeFailures.add(new AssertionError("cannot decode " + topic, e));
    }
  }

  @Override
  public void close() throws MqttException {
    client.close();
  }
}
