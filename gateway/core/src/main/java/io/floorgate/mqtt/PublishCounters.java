package io.floorgate.mqtt;

import io.floorgate.buffer.BufferedReading;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What became of the readings handed to the broker. Updated from Paho's threads; never blocks. */
final class PublishCounters {

  private static final Logger LOG = LoggerFactory.getLogger(MqttPublisher.class);
  private static final long FAILURE_LOG_INTERVAL_NANOS = 60_000_000_000L;

  final LongAdder published = new LongAdder();
  final LongAdder failed = new LongAdder();
  final LongAdder metaPublished = new LongAdder();
  final LongAdder requeued = new LongAdder();
  final LongAdder windowRejections = new LongAdder();

  /** From a reading's gateway time to the broker's acknowledgement; set by the meters. */
  volatile @Nullable Timer latency;

  private final String url;
  private final AtomicLong nextFailureLog = new AtomicLong(System.nanoTime());
  private final LongAdder failuresSinceLog = new LongAdder();

  PublishCounters(String url) {
    this.url = url;
  }

  /** Counts readings the broker acknowledged, and how long each took from the PLC to it. */
  void acknowledged(List<BufferedReading> readings) {
    published.add(readings.size());
    Timer timer = latency;
    if (timer != null) {
      long now = System.currentTimeMillis();
      for (BufferedReading r : readings) {
        Instant received = r.reading().gatewayTime();
        timer.record(Math.max(0, now - received.toEpochMilli()), TimeUnit.MILLISECONDS);
      }
    }
  }

  /** Counts a reading the broker refused; logs the first and then at most one a minute. */
  void failed(String topic, Throwable cause) {
    failed(topic, 1, cause);
  }

  /** Counts {@code readings} the broker refused in one publish. */
  void failed(String topic, int readings, Throwable cause) {
    failed.add(readings);
    failuresSinceLog.add(readings);
    long due = nextFailureLog.get();
    long now = System.nanoTime();
    if (now - due >= 0 && nextFailureLog.compareAndSet(due, now + FAILURE_LOG_INTERVAL_NANOS)) {
      LOG.warn("MQTT broker {} refused {} reading(s) since the last report, latest on topic {}:"
              + " {}."
              + " Those readings are lost; check the broker's ACLs and limits (topic length,"
              + " packet size).", url, failuresSinceLog.sumThenReset(), topic, cause.toString());
    }
  }
}
