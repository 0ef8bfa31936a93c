package io.floorgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;
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

  /**
   * A few events a second: one lock costs nothing, and keeps the counts consistent with each other
   * when {@link #result()} is read while events still arrive (an event counted but not yet
   * classified would otherwise show as neither a raise nor a clear).
   */
  private final Object lock = new Object();
  private final Histogram latency = new Histogram(MAX_LATENCY_US, 3);
  private long events;
  private long raises;
  private long clears;
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
    synchronized (lock) {
      Histogram h = latency.copy();
      return new AlarmProbeResult(events, raises, clears,
          h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
          h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0, List.of());
    }
  }

  private void arrived(String topic, MqttMessage message) {
    long arrivedMillis = System.currentTimeMillis();
    if (!recording) {
      return;
    }
    JsonNode event;
    try {
      event = JSON.readTree(message.getPayload());
    } catch (IOException e) {
      event = null;
    }
    String transition = event == null ? "" : event.path("transition").asText("");
    Long micros = null;
    if (transition.equals("RAISE")) {
      String source = event.path("alarm").path("sourceTime").asText("");
      try {
        micros = (arrivedMillis - Instant.parse(source).toEpochMilli()) * 1000;
      } catch (DateTimeException e) {
        // A RAISE without a source time (no reading behind it) cannot be timed.
      }
    }
    synchronized (lock) {
      events++;
      if (transition.equals("RAISE")) {
        raises++;
        if (micros != null) {
          latency.recordValue(Math.max(0, Math.min(micros, MAX_LATENCY_US)));
        }
      } else if (transition.equals("CLEAR")) {
        clears++;
      }
    }
  }

  @Override
  public void close() throws MqttException {
    client.close();
  }
}
