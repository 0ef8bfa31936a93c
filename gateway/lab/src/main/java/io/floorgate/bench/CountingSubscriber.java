package io.floorgate.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.eclipse.tahu.model.MetricDataTypeMap;

/**
 * Subscribes to the load topics and, for every value, counts it, checks which update of which
 * variable it is (the simulator's load values carry their update number), and records the latency
 * from the value's source time to its arrival here. A value comes alone in a UNS message, as an
 * element of a UNS batch ({@code …/_batch/<connection>}), or as a metric of a Sparkplug DDATA;
 * values of tags other than the load variables (the alarm probe) are not counted.
 *
 * <p>Runs on Paho's callback thread, which it never blocks: parsing is a streaming pass over the
 * payload, and the bookkeeping is arrays and a lock-free histogram recorder.
 */
final class CountingSubscriber implements AutoCloseable {

  /** Latencies up to one minute, in microseconds, 3 significant digits. */
  private static final long MAX_LATENCY_US = 60_000_000L;
  /** What {@link #indexOf} gives a metric that is not a load variable, which is not counted. */
  private static final int OTHER_METRIC = -1;

  private final ReceivingClient client;
  private final int tags;
  private final boolean sparkplug;
  private final UnsDecoder uns;
  private final long[] firstUpdate;
  private final long[] lastUpdate;
  private final long[] received;
  private final LongAdder messages = new LongAdder();
  private final LongAdder outOfOrder = new LongAdder();
  private final LongAdder unparsable = new LongAdder();
  private final AtomicLong lastArrivalNanos = new AtomicLong();
  private final Recorder latency = new Recorder(MAX_LATENCY_US, 3);
  private volatile boolean recording;
  /** Sparkplug: each device's metric alias → load variable index, from its DBIRTH. */
  private final Map<String, Map<Long, Integer>> aliases = new ConcurrentHashMap<>();
  /** Sparkplug: each device's datatypes from its DBIRTH, which DDATA leaves out. */
  private final Map<String, MetricDataTypeMap> types = new ConcurrentHashMap<>();

  private CountingSubscriber(String brokerUrl, List<String> filters, int tags, boolean sparkplug,
      String loadPath) throws MqttException {
    this.tags = tags;
    this.sparkplug = sparkplug;
    this.uns = new UnsDecoder(loadPath);
    this.firstUpdate = new long[tags];
    this.lastUpdate = new long[tags];
    this.received = new long[tags];
    this.client = ReceivingClient.open(brokerUrl, "floorgate-bench-", filters, this::arrived);
  }

  /**
   * Connects and subscribes to {@code filters}. UNS topics end in the variable's index
   * ({@code …/v00042}); batch elements and Sparkplug metrics name it so
   * ({@code …/rhk01/load/v00042}).
   *
   * @param loadPath the load variables' path as a batch element gives it, without the topic prefix
   *                 and index ({@link BenchConfig#LOAD_PATH})
   */
  static CountingSubscriber start(String brokerUrl, List<String> filters, int tags,
      boolean sparkplug, String loadPath) throws MqttException {
    return new CountingSubscriber(brokerUrl, filters, tags, sparkplug, loadPath);
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

  /** Values received, readable or not. */
  long messages() {
    return messages.sum();
  }

  long nanosSinceLastMessage() {
    long last = lastArrivalNanos.get();
    return last == 0 ? Long.MAX_VALUE : System.nanoTime() - last;
  }

  /**
   * The newest update number received, summed over the variables: with the simulator's update
   * count times the variables, it says how many updates the subscriber has yet to see.
   */
  synchronized long newestUpdatesSum() {
    long sum = 0;
    for (int i = 0; i < tags; i++) {
      sum += lastUpdate[i];
    }
    return sum;
  }

  /** How many of the variables have had at least one value. */
  synchronized int variablesSeen() {
    int seen = 0;
    for (int i = 0; i < tags; i++) {
      seen += received[i] == 0 ? 0 : 1;
    }
    return seen;
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

  private void arrived(String topic, MqttMessage message) {
    long arrivedMillis = System.currentTimeMillis();
    lastArrivalNanos.set(System.nanoTime());
    if (sparkplug) {
      sparkplugArrived(topic, message.getPayload(), arrivedMillis);
    } else if (topic.contains("/_batch/")) {
      batchArrived(message.getPayload(), arrivedMillis);
    } else {
      messages.increment();
      int index = indexOf(topic);
      UnsDecoder.Parsed parsed = UnsDecoder.parse(message.getPayload());
      if (index < 0 || index >= tags || parsed == null) {
        unparsable.increment();
        return;
      }
      record(index, parsed.value(), parsed.sourceMillis(), arrivedMillis);
    }
  }

  /** Each load element of a batch counts as one value, as if it had come alone. */
  private void batchArrived(byte[] payload, long arrivedMillis) {
    boolean whole = uns.batch(payload, new UnsDecoder.Sink() {
      @Override
      public void value(int index, double value, long sourceMillis) {
        messages.increment();
        if (index >= tags) {
          unparsable.increment();
        } else {
          record(index, value, sourceMillis, arrivedMillis);
        }
      }

      @Override
      public void unreadable() {
        messages.increment();
        unparsable.increment();
      }
    });
    if (!whole) {
      unparsable.increment();
    }
  }

  private void record(int index, double value, long sourceMillis, long arrivedMillis) {
    count(index, (long) Math.floor(value));
    if (recording) {
      long micros = Math.max(0, (arrivedMillis - sourceMillis) * 1000);
      latency.recordValue(Math.min(micros, MAX_LATENCY_US));
    }
  }

  /** A DBIRTH maps aliases to variables; each DDATA metric of a load variable counts as one value. */
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
          if (!m.hasAlias()) {
            continue;
          }
          typeMap.addMetricDataType(m.getAlias(), m.getDataType());
          map.put(m.getAlias(), m.getName() == null ? OTHER_METRIC : indexOf(m.getName()));
        }
        types.put(device, typeMap);
        aliases.put(device, map);
      } else if (type.equals("DDATA")) {
        Map<Long, Integer> map = aliases.getOrDefault(device, Map.of());
        for (Metric m : decoded.getMetrics()) {
          Integer index = m.hasAlias() ? map.get(m.getAlias()) : null;
          if (index == null && m.getName() != null) {
            index = indexOf(m.getName());
          }
          if (index != null && index == OTHER_METRIC) {
            continue;
          }
          messages.increment();
          if (index == null || index < 0 || index >= tags || !(m.getValue() instanceof Number n)
              || m.getTimestamp() == null) {
            unparsable.increment();
            continue;
          }
          record(index, n.doubleValue(), m.getTimestamp().getTime(), arrivedMillis);
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

  @Override
  public void close() throws MqttException {
    client.close();
  }
}
