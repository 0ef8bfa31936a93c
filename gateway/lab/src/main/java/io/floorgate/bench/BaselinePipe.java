package io.floorgate.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
 * The ceiling: a Milo subscription whose listener publishes each value with Paho at once — no
 * normalization, no queue, no alarms. Its in-flight window is a semaphore sized by the broker's
 * Receive Maximum, acquired on Milo's thread: the bare pipe's only back-pressure, which a product
 * must not do (it stalls Milo's publish loop) but a ceiling may.
 */
final class BaselinePipe implements AutoCloseable {

  /** One MQTT connection and its in-flight window. */
  private record Lane(MqttAsyncClient mqtt, Semaphore window) {}

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
    return new Lane(mqtt, new Semaphore(window));
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
    Semaphore window = lane.window();
    try {
      window.acquire();
      MqttMessage message = new MqttMessage(payload);
      message.setQos(qos);
      lane.mqtt().publish(topic, message, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          window.release();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable exception) {
          window.release();
        }
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      window.release();
    }
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
