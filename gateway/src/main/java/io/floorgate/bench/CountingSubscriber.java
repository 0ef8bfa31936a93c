package io.floorgate.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.model.MetricDataTypeMap;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.jspecify.annotations.Nullable;

/**
 * Subscribes to the load topics and, for every message, counts it, checks which update of which
 * variable it is (the simulator's load values carry their update number), and records the latency
 * from the value's source time to its arrival here.
 *
 * <p>Runs on Paho's callback thread, which it never blocks: parsing is a streaming pass over a
 * few hundred bytes, and the bookkeeping is arrays and a lock-free histogram recorder.
 */
final class CountingSubscriber implements AutoCloseable {

  private static final JsonFactory JSON = new JsonFactory();
  /** Latencies up to one minute, in microseconds, 3 significant digits. */
  private static final long MAX_LATENCY_US = 60_000_000L;

  private final MqttAsyncClient client;
  private final int tags;
  private final long[] firstUpdate;
  private final long[] lastUpdate;
  private final long[] received;
  private final LongAdder messages = new LongAdder();
  private final LongAdder outOfOrder = new LongAdder();
  private final LongAdder unparsable = new LongAdder();
  private final AtomicLong lastArrivalNanos = new AtomicLong();
  private final Recorder latency = new Recorder(MAX_LATENCY_US, 3);
  private volatile boolean recording;
  private final boolean sparkplug;
  /** Sparkplug: each device's metric alias → load variable index, from its DBIRTH. */
  private final Map<String, Map<Long, Integer>> aliases = new ConcurrentHashMap<>();
  /** Sparkplug: each device's datatypes from its DBIRTH, which DDATA leaves out. */
  private final Map<String, MetricDataTypeMap> types = new ConcurrentHashMap<>();

  private CountingSubscriber(MqttAsyncClient client, int tags, boolean sparkplug) {
    this.sparkplug = sparkplug;
    this.client = client;
    this.tags = tags;
    this.firstUpdate = new long[tags];
    this.lastUpdate = new long[tags];
    this.received = new long[tags];
  }

  /**
   * Connects and subscribes to {@code filter}. UNS topics end in the variable's index
   * ({@code …/v00042}); Sparkplug metrics are named so ({@code rhk01/load/v00042}).
   */
  static CountingSubscriber start(String brokerUrl, String filter, int tags, boolean sparkplug)
      throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(brokerUrl, "floorgate-bench-" + UUID.randomUUID(),
        new MemoryPersistence());
    CountingSubscriber subscriber = new CountingSubscriber(client, tags, sparkplug);
    client.setCallback(subscriber.callback());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setReceiveMaximum(65_535);
    client.connect(options).waitForCompletion(15_000);
    client.subscribe(filter, 1).waitForCompletion(15_000);
    return subscriber;
  }

  /** Starts counting latency into a fresh histogram (the warm-up is not recorded). */
  void startRecording() {
    latency.reset();
    recording = true;
  }

  /** The latency histogram since {@link #startRecording()}. */
  Histogram latencyMicros() {
    return latency.getIntervalHistogram();
  }

  long messages() {
    return messages.sum();
  }

  long nanosSinceLastMessage() {
    long last = lastArrivalNanos.get();
    return last == 0 ? Long.MAX_VALUE : System.nanoTime() - last;
  }

  /**
   * Updates missed: for every variable, the updates between the first and the last one received
   * that never arrived.
   */
  synchronized Loss loss() {
    long missing = 0;
    long seen = 0;
    for (int i = 0; i < tags; i++) {
      seen += received[i];
    }
    for (int i = 0; i < tags; i++) {
      missing += Math.max(0, span(i) - received[i]);
    }
    return new Loss(seen, missing, outOfOrder.sum(), unparsable.sum());
  }

  /** What the subscriber saw: values received, updates missed, out of order, unreadable. */
  record Loss(long received, long missing, long outOfOrder, long unparsable) {}

  private long span(int i) {
    return received[i] == 0 ? 0 : lastUpdate[i] - firstUpdate[i] + 1;
  }

  private synchronized void count(int index, long update) {
    if (received[index] == 0) {
      firstUpdate[index] = update;
    } else if (update <= lastUpdate[index]) {
      outOfOrder.increment();
    }
    received[index]++;
    lastUpdate[index] = Math.max(lastUpdate[index], update);
  }

  private MqttCallback callback() {
    return new MqttCallback() {
      @Override
      public void messageArrived(String topic, MqttMessage message) {
        long arrivedMillis = System.currentTimeMillis();
        lastArrivalNanos.set(System.nanoTime());
        if (sparkplug) {
          sparkplugArrived(topic, message.getPayload(), arrivedMillis);
          return;
        }
        messages.increment();
        int index = indexOf(topic);
        Parsed parsed = parse(message.getPayload());
        if (index < 0 || index >= tags || parsed == null) {
          unparsable.increment();
          return;
        }
        record(index, parsed, arrivedMillis);
      }

      @Override
      public void disconnected(MqttDisconnectResponse response) {}

      @Override
      public void mqttErrorOccurred(MqttException exception) {}

      @Override
      public void deliveryComplete(IMqttToken token) {}

      @Override
      public void connectComplete(boolean reconnect, String serverURI) {}

      @Override
      public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    };
  }

  private void record(int index, Parsed parsed, long arrivedMillis) {
    count(index, (long) Math.floor(parsed.value()));
    if (recording) {
      long micros = Math.max(0, (arrivedMillis - parsed.sourceMillis()) * 1000);
      latency.recordValue(Math.min(micros, MAX_LATENCY_US));
    }
  }

  /** A DBIRTH maps aliases to variables; each DDATA metric counts as one value. */
  private void sparkplugArrived(String topic, byte[] payload, long arrivedMillis) {
    String[] levels = topic.split("/");
    if (levels.length < 5) {
      return;
    }
    String type = levels[2];
    String device = levels[4];
    try {
      SparkplugBPayload decoded = new SparkplugBPayloadDecoder().buildFromByteArray(payload,
          type.equals("DDATA") ? types.getOrDefault(device, new MetricDataTypeMap()) : null);
      if (type.equals("DBIRTH")) {
        Map<Long, Integer> map = new ConcurrentHashMap<>();
        MetricDataTypeMap typeMap = new MetricDataTypeMap();
        for (Metric m : decoded.getMetrics()) {
          if (m.hasAlias()) {
            typeMap.addMetricDataType(m.getAlias(), m.getDataType());
          }
          int index = m.getName() == null ? -1 : indexOf(m.getName());
          if (index >= 0 && index < tags && m.hasAlias()) {
            map.put(m.getAlias(), index);
          }
        }
        types.put(device, typeMap);
        aliases.put(device, map);
      } else if (type.equals("DDATA")) {
        Map<Long, Integer> map = aliases.getOrDefault(device, Map.of());
        for (Metric m : decoded.getMetrics()) {
          messages.increment();
          Integer index = m.hasAlias() ? map.get(m.getAlias()) : null;
          if (index == null && m.getName() != null) {
            index = indexOf(m.getName());
          }
          if (index == null || index < 0 || index >= tags || !(m.getValue() instanceof Number n)
              || m.getTimestamp() == null) {
            unparsable.increment();
            continue;
          }
          record(index, new Parsed(n.doubleValue(), m.getTimestamp().getTime()), arrivedMillis);
        }
      }
    } catch (Exception e) {
      unparsable.increment();
    }
  }

  /** The number after the last 'v' of the topic's last level, e.g. {@code …/v00042} → 42. */
  static int indexOf(String topic) {
    int slash = topic.lastIndexOf('/');
    if (slash < 0 || slash + 2 > topic.length() || topic.charAt(slash + 1) != 'v') {
      return -1;
    }
    try {
      return Integer.parseInt(topic, slash + 2, topic.length(), 10);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  record Parsed(double value, long sourceMillis) {}

  /** Reads {@code value} and {@code sourceTime} from a UNS JSON payload. */
  static @Nullable Parsed parse(byte[] payload) {
    double value = Double.NaN;
    long source = -1;
    try (JsonParser p = JSON.createParser(payload)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken token = p.nextToken();
        if ("value".equals(field) && token.isNumeric()) {
          value = p.getDoubleValue();
        } else if ("sourceTime".equals(field) && token == JsonToken.VALUE_STRING) {
          source = Instant.parse(p.getText()).toEpochMilli();
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return Double.isNaN(value) || source < 0 ? null : new Parsed(value, source);
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
