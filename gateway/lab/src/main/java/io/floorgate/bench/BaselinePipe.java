package io.floorgate.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * The ceiling: a Milo subscription whose listener hands each value to a publishing thread per
 * MQTT connection, which publishes it with Paho — no normalization, no store, no alarms. Each
 * connection's in-flight window is a semaphore sized by the broker's Receive Maximum, acquired on
 * its publishing thread, so one connection's full window never stalls Milo's thread or the other
 * connections (acquiring it on Milo's thread did both, and the baseline then measured that stall
 * rather than the libraries). The hand-over queue only blocks Milo when it holds
 * {@value #HANDOVER} values.
 */
final class BaselinePipe implements AutoCloseable {

  /** Values waiting for a connection's publishing thread, at most. */
  private static final int HANDOVER = 100_000;

  /** One value to publish. */
  private record Message(String topic, byte[] payload) {}

  /** One MQTT connection, its in-flight window, and the values waiting for it. */
  private record Lane(MqttAsyncClient mqtt, Semaphore window, BlockingQueue<Message> queue) {}

  private final OpcUaClient opcua;
  private final List<Lane> lanes;
  private final String topicRoot;
  private final int qos;

  private BaselinePipe(OpcUaClient opcua, List<Lane> lanes, String topicRoot, int qos) {
    this.opcua = opcua;
    this.lanes = lanes;
    this.topicRoot = topicRoot;
    this.qos = qos;
  }

  /**
   * Connects both sides and subscribes to {@code tags} load variables sampled at {@code rateHz},
   * publishing at {@code qos} over {@code connections} MQTT connections (each variable always on
   * the same one, as the gateway's {@code mqtt.connections} does).
   */
  static BaselinePipe start(String endpoint, String brokerUrl, String topicRoot, int tags, double rateHz,
      int qos, int connections) throws Exception {
    List<Lane> lanes = new ArrayList<>();
    for (int n = 0; n < connections; n++) {
      lanes.add(connect(brokerUrl, qos));
    }
    OpcUaClient opcua = OpcUaClient.create(endpoint);
    opcua.connect();
    BaselinePipe pipe = new BaselinePipe(opcua, List.copyOf(lanes), topicRoot, qos);
    for (int n = 0; n < lanes.size(); n++) {
      Thread sender = new Thread(pipe.sender(lanes.get(n)), "baseline-mqtt-" + n);
      sender.setDaemon(true);
      sender.start();
    }
    pipe.subscribe(tags, rateHz);
    return pipe;
  }

  private static Lane connect(String brokerUrl, int qos) throws Exception {
    MqttAsyncClient mqtt = new MqttAsyncClient(brokerUrl, "floorgate-baseline-" + UUID.randomUUID(),
        new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    IMqttToken connected = mqtt.connect(options);
    connected.waitForCompletion(15_000);
    Integer receiveMaximum = connected.getResponseProperties() == null
        ? null : connected.getResponseProperties().getReceiveMaximum();
    // Receive Maximum bounds QoS 1 and 2 only; at QoS 0 the window only keeps Paho's queue short.
    int window = qos == 0 ? 1000 : Math.min(1000, receiveMaximum == null ? 65_535 : receiveMaximum);
    return new Lane(mqtt, new Semaphore(window), new ArrayBlockingQueue<>(HANDOVER));
  }

  private void subscribe(int tags, double rateHz) throws Exception {
    // Twice per update, as the gateway's bench config does (BenchConfig).
    double samplingMs = 500.0 / rateHz;
    var subscription = new OpcUaSubscription(opcua, 100.0);
    subscription.create();
    for (int i = 0; i < tags; i++) {
      String topic = topicRoot + "/" + LoadPlant.tagName(i);
      var item = OpcUaMonitoredItem.newDataItem(NodeId.parse(LoadPlant.nodeId(i)));
      item.setSamplingInterval(samplingMs);
      item.setQueueSize(UInteger.valueOf(Math.max(2, (int) Math.ceil(100.0 / samplingMs) + 1)));
      item.setDataValueListener((it, value) -> publish(topic, value));
      subscription.addMonitoredItem(item);
    }
    subscription.synchronizeMonitoredItems();
  }

  private void publish(String topic, DataValue value) {
    Object v = value.value().value();
    DateTime source = value.sourceTime();
    Instant sourceTime = source == null ? Instant.now() : source.getJavaInstant();
    byte[] payload = ("{\"value\":" + v + ",\"sourceTime\":\"" + sourceTime + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    Lane lane = lanes.get(Math.floorMod(topic.hashCode(), lanes.size()));
    try {
      lane.queue().put(new Message(topic, payload));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A connection's publishing thread: each value as soon as its window has room. */
  private Runnable sender(Lane lane) {
    Semaphore window = lane.window();
    MqttActionListener release = new MqttActionListener() {
      @Override
      public void onSuccess(IMqttToken token) {
        window.release();
      }

      @Override
      public void onFailure(IMqttToken token, Throwable exception) {
        window.release();
      }
    };
    return () -> {
      try {
        while (true) {
          Message next = lane.queue().take();
          window.acquire();
          try {
            MqttMessage message = new MqttMessage(next.payload());
            message.setQos(qos);
            lane.mqtt().publish(next.topic(), message, null, release);
          } catch (Exception e) {
            window.release();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  @Override
  public void close() throws Exception {
    try {
      opcua.disconnect();
    } finally {
      for (Lane lane : lanes) {
        lane.mqtt().disconnect().waitForCompletion(5_000);
        lane.mqtt().close();
      }
    }
  }
}
