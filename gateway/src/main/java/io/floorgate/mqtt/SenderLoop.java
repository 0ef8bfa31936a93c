package io.floorgate.mqtt;

import io.floorgate.config.MqttConfig;
import io.floorgate.config.Namespace;
import io.floorgate.reading.Reading;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that talks to the broker: connects (and reconnects with backoff), publishes the
 * retained metadata after every connect, then takes readings from the queue and publishes them
 * within the connection's {@link SendWindow}. Every wait is bounded, so it notices a lost
 * connection or a stop request within {@value #POLL_MILLIS} ms.
 *
 * <p>The loop reconnects itself instead of using Paho's automatic reconnect: Paho does not retry
 * a first connect that fails, does not hand the CONNACK of its own reconnects to the application
 * (so the broker's Receive Maximum could not be re-read), and keeps its retry delay in a static
 * field shared by every client in the JVM, so the next attempt could not be logged.
 */
final class SenderLoop implements Runnable {

  static final long POLL_MILLIS = 100;
  static final Duration RETRY_INITIAL = Duration.ofSeconds(1);
  static final Duration RETRY_MAX = Duration.ofSeconds(30);
  /** Metadata is retained and read rarely; it must arrive whatever QoS telemetry uses. */
  private static final int META_QOS = 1;

  private static final Logger LOG = LoggerFactory.getLogger(MqttPublisher.class);

  private enum Outcome { SENT, RETRY, FAILED }

  private final MqttAsyncClient client;
  private final MqttConfig config;
  private final Namespace namespace;
  private final ReadingQueue queue;
  private final PublishCounters counters;
  private final UnsJsonEncoder encoder = new UnsJsonEncoder();
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Connector connector;

  private volatile List<TagMeta> metas = List.of();
  private volatile boolean metaPending;
  private volatile @Nullable SendWindow window;

  SenderLoop(MqttAsyncClient client, MqttConfig config, Namespace namespace, ReadingQueue queue,
      PublishCounters counters) {
    this.client = client;
    this.config = config;
    this.namespace = namespace;
    this.queue = queue;
    this.counters = counters;
    this.connector = new Connector(client, config, () -> stop.getCount() == 0);
  }

  /** Replaces the tag metadata; it is published now (when connected) and after every connect. */
  void meta(List<TagMeta> metas) {
    this.metas = List.copyOf(metas);
    this.metaPending = true;
  }

  void stop() {
    stop.countDown();
  }

  boolean connected() {
    SendWindow w = window;
    return w != null && w.live();
  }

  @Nullable SendWindow window() {
    return window;
  }

  /** Called from Paho's thread when the connection drops: only log and mark. */
  void connectionLost(String reason) {
    SendWindow w = window;
    if (w != null) {
      w.retire();
    }
    if (stop.getCount() > 0) {
      LOG.warn("MQTT connection to {} lost ({}); reconnecting. Readings wait in memory meanwhile"
          + " (up to {}, oldest dropped beyond).", config.url(), reason, config.queueCapacity());
    }
  }

  @Override
  public void run() {
    Duration retry = RETRY_INITIAL;
    try {
      while (stop.getCount() > 0) {
        if (!connected()) {
          Connector.Result result = connect(retry);
          if (result == Connector.Result.CONNECTED) {
            retry = RETRY_INITIAL;
          } else if (result != Connector.Result.FAILED) {
            stop.await(POLL_MILLIS, TimeUnit.MILLISECONDS);
          } else {
            if (stop.await(retry.toMillis(), TimeUnit.MILLISECONDS)) {
              return;
            }
            Duration doubled = retry.multipliedBy(2);
            retry = doubled.compareTo(RETRY_MAX) > 0 ? RETRY_MAX : doubled;
          }
        } else if (metaPending) {
          publishMeta();
        } else {
          sendNext();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void sendNext() throws InterruptedException {
    Reading reading = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
    if (reading == null) {
      return;
    }
    String topic = Topics.prefixed(namespace, reading.path());
    byte[] payload;
    try {
      payload = encoder.encode(reading);
    } catch (RuntimeException e) {
      // One unencodable reading must not stop the lane.
      counters.failed(topic, e);
      return;
    }
    if (send(topic, payload, config.qos(), false, reading) == Outcome.RETRY) {
      queue.returnToHead(reading);
    }
  }

  private Connector.Result connect(Duration nextRetry) throws InterruptedException {
    SendWindow old = window;
    if (old != null) {
      old.retire();
      window = null;
    }
    Connector.Attempt attempt = connector.connect();
    if (attempt.result() == Connector.Result.CONNECTED) {
      int size = Math.min(config.maxInFlight(), attempt.receiveMaximum());
      window = new SendWindow(size, counters, client::isConnected, queue::returnToHead);
      metaPending = true;
      LOG.info("MQTT connected to {} as {}: in-flight window {} (ceiling {}, broker receive"
              + " maximum {}), {} readings queued", config.url(), config.clientId(), size,
          config.maxInFlight(), attempt.receiveMaximum(), queue.size());
    } else if (attempt.result() == Connector.Result.FAILED) {
      Throwable cause = attempt.cause();
      Throwable root = cause;
      while (root != null && root.getCause() != null) {
        root = root.getCause();
      }
      // Paho's message often repeats its cause; name the root only when it adds something.
      boolean rootAdds = root != null && !String.valueOf(cause).contains(root.toString());
      String rootText = rootAdds ? " caused by " + root : "";
      LOG.warn("MQTT broker {} not reachable (client id {}): {}{}; {} readings wait in memory (up"
              + " to {}, oldest dropped beyond), next attempt in {} s. Check that the broker runs"
              + " and the url, port and credentials.", config.url(), config.clientId(), cause,
          rootText, queue.size(), config.queueCapacity(), nextRetry.toSeconds());
    }
    return attempt.result();
  }

  private void publishMeta() throws InterruptedException {
    metaPending = false;
    for (TagMeta meta : metas) {
      Outcome outcome =
          send(Topics.meta(namespace, meta.path()), encoder.encodeMeta(meta), META_QOS, true,
              SendWindow.META);
      if (outcome == Outcome.RETRY) {
        // The connection is going; the next connect publishes all of it again.
        metaPending = true;
        return;
      }
    }
  }

  /**
   * Publishes within the window. RETRY means the message was not handed to Paho and may be sent
   * later; FAILED means it never will be (counted).
   */
  private Outcome send(String topic, byte[] payload, int qos, boolean retained, Object context)
      throws InterruptedException {
    SendWindow w = window;
    if (w == null) {
      return Outcome.RETRY;
    }
    while (!w.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
      if (stop.getCount() == 0 || !w.live()) {
        return Outcome.RETRY;
      }
    }
    try {
      client.publish(topic, payload, qos, retained, context, w);
      return Outcome.SENT;
    } catch (MqttException e) {
      w.release();
      if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT) {
        // Paho frees its slot just after our callback for QoS 0; try again in a moment.
        counters.windowRejections.increment();
        Thread.onSpinWait();
        return Outcome.RETRY;
      }
      if (!w.live()) {
        return Outcome.RETRY;
      }
      return failed(topic, context, e);
    } catch (IllegalArgumentException e) {
      // Paho validates topics; a path with a wildcard or an empty level never gets through.
      w.release();
      return failed(topic, context, e);
    }
  }

  private Outcome failed(String topic, Object context, Exception cause) {
    if (context instanceof Reading) {
      counters.failed(topic, cause);
    } else {
      LOG.warn("MQTT broker {} refused metadata on {}: {}", config.url(), topic, cause.toString());
    }
    return Outcome.FAILED;
  }
}
