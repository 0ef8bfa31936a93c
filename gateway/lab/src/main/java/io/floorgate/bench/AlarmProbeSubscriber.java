package io.floorgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Times the alarm lane under the telemetry load: subscribes to the probe alarms' transition
 * topics and, for every RAISE, records the time from the PLC's source time of the reading that
 * raised it ({@code alarm.sourceTime}) to its arrival here. A CLEAR is counted, not timed: its
 * alarm still carries the raising reading's source time. The bench's two rules on the probe (one
 * raised while it is true, one while it is false) make every flip of the probe a RAISE.
 */
final class AlarmProbeSubscriber implements AutoCloseable {

  /** Latencies up to one minute, in microseconds. */
  private static final long MAX_LATENCY_US = 60_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A few values a second: a lock costs nothing, and {@link #result()} may be read any time. */
  private final SynchronizedHistogram latency = new SynchronizedHistogram(MAX_LATENCY_US, 3);
  private final LongAdder events = new LongAdder();
  private final LongAdder raises = new LongAdder();
  private final LongAdder clears = new LongAdder();
  private volatile boolean recording;
  private final ReceivingClient client;

  private AlarmProbeSubscriber(String brokerUrl, String filter) throws MqttException {
    this.client = ReceivingClient.open(brokerUrl, "floorgate-bench-alarms-", List.of(filter),
        this::arrived);
  }

  /** Connects and subscribes to {@code filter} ({@link BenchConfig#probeEventsFilter}). */
  static AlarmProbeSubscriber start(String brokerUrl, String filter) throws MqttException {
    return new AlarmProbeSubscriber(brokerUrl, filter);
  }

  /** Counts from now on (transitions of the warm-up are not counted). */
  void startRecording() {
    recording = true;
  }

  /** What arrived since {@link #startRecording()}. */
  AlarmProbeResult result() {
    Histogram h = latency.copy();
    return new AlarmProbeResult(events.sum(), raises.sum(), clears.sum(),
        h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
        h.getMaxValue() / 1000.0);
  }

  private void arrived(String topic, MqttMessage message) {
    long arrivedMillis = System.currentTimeMillis();
    if (!recording) {
      return;
    }
    events.increment();
    JsonNode event;
    try {
      event = JSON.readTree(message.getPayload());
    } catch (IOException e) {
      return;
    }
    switch (event.path("transition").asText("")) {
      case "RAISE" -> {
        raises.increment();
        String source = event.path("alarm").path("sourceTime").asText("");
        try {
          long micros = (arrivedMillis - Instant.parse(source).toEpochMilli()) * 1000;
          latency.recordValue(Math.max(0, Math.min(micros, MAX_LATENCY_US)));
        } catch (DateTimeException e) {
          // A RAISE without a source time (no reading behind it) cannot be timed.
        }
      }
      case "CLEAR" -> clears.increment();
      default -> { }
    }
  }

  @Override
  public void close() throws MqttException {
    client.close();
  }
}
