package io.floorgate.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;
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

  private CountingSubscriber(MqttAsyncClient client, int tags) {
    this.client = client;
    this.tags = tags;
    this.firstUpdate = new long[tags];
    this.lastUpdate = new long[tags];
    this.received = new long[tags];
  }

  /** Connects and subscribes to {@code filter}; topics end in the variable's index ({@code …/v00042}). */
  static CountingSubscriber start(String brokerUrl, String filter, int tags) throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(brokerUrl, "floorgate-bench-" + UUID.randomUUID(),
        new MemoryPersistence());
    CountingSubscriber subscriber = new CountingSubscriber(client, tags);
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
        messages.increment();
        int index = indexOf(topic);
        Parsed parsed = parse(message.getPayload());
        if (index < 0 || index >= tags || parsed == null) {
          unparsable.increment();
          return;
        }
        count(index, (long) Math.floor(parsed.value()));
        if (recording) {
          long micros = Math.max(0, (arrivedMillis - parsed.sourceMillis()) * 1000);
          latency.recordValue(Math.min(micros, MAX_LATENCY_US));
        }
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
