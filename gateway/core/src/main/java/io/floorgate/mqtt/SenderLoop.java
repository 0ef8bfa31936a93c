package io.floorgate.mqtt;

import io.floorgate.broker.BrokerClient;
import io.floorgate.broker.BrokerConnection;
import io.floorgate.broker.Connector;
import io.floorgate.buffer.BufferedReading;
import io.floorgate.buffer.DiskBuffer;
import io.floorgate.config.MqttConfig;
import io.floorgate.config.Namespace;
import io.floorgate.config.UnsConfig;
import io.floorgate.reading.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that talks to the broker: connects (and reconnects with backoff), publishes the
 * retained metadata after every connect, then publishes what {@link Lanes} gives — live readings
 * first, the backlog in the room left — within the connection's {@link SendWindow}: one message
 * per reading, or in the batched form one per run of readings of a PLC (as many as are queued, up
 * to {@code uns.maxBatch} and the broker's Maximum Packet Size). Readings leave the buffer only
 * when the broker acknowledges them. Every wait is bounded, so it notices a lost
 * connection or a stop request within {@value #POLL_MILLIS} ms.
 *
 * <p>The loop reconnects itself instead of using Paho's automatic reconnect: Paho does not retry
 * a first connect that fails, does not hand the CONNACK of its own reconnects to the application
 * (so the broker's Receive Maximum could not be re-read), and keeps its retry delay in a static
 * field shared by every client in the JVM, so the next attempt could not be logged.
 */
final class SenderLoop implements Runnable {

  static final long POLL_MILLIS = 100;
  /** Metadata is retained and read rarely; it must arrive whatever QoS telemetry uses. */
  private static final int META_QOS = 1;
  /**
   * Marks a replayed reading for MQTT 5 subscribers without parsing the payload; the payload says
   * {@code "historical": true} too, for everyone else.
   */
  private static final Map<String, String> HISTORICAL = Map.of("historical", "true");
  /** A batch stops growing at this size, below any broker's usual packet limit. */
  static final long MAX_BATCH_BYTES = 256 * 1024;
  /** Room left under the broker's Maximum Packet Size for the fixed header, topic and properties. */
  private static final long PACKET_HEADROOM = 1024;

  private static final Logger LOG = LoggerFactory.getLogger(MqttPublisher.class);

  private enum Outcome { SENT, RETRY, FAILED }

  /** One publish as the sender hands it to the client. */
  private record Message(byte[] payload, int qos, boolean retained,
      Map<String, String> properties) {}

  private final MqttConfig config;
  private final Namespace namespace;
  private final DiskBuffer buffer;
  private final Lanes lanes;
  private final Object bufferLock;
  private final PublishCounters counters;
  private final UnsJsonEncoder encoder = new UnsJsonEncoder();
  private final CountDownLatch stop = new CountDownLatch(1);
  private final BrokerConnection connection;
  private final Connector connector;
  private final UnsConfig uns;
  private final Map<String, String> batchTopics = new HashMap<>();
  private final Retention retention;
  /**
   * Retained topics of tags removed by a reload, cleared (an empty retained message) before the
   * next metadata goes out; kept across reconnects until the broker took each one.
   */
  private final Set<String> toClear = new LinkedHashSet<>();
  private final Object clearLock = new Object();
  private long maxBatchBytes = MAX_BATCH_BYTES;
  /** The wait after the last failed connect; on the sender thread only. */
  private Duration retry = Duration.ZERO;

  private volatile Iterable<TagMeta> metas = List.of();
  /**
   * Retained messages of other features (the maintenance counters), the newest per topic: those
   * not yet taken by the broker, and all again after every connect.
   */
  private final Map<String, byte[]> retained = new ConcurrentHashMap<>();
  private final Set<String> retainedUnsent = ConcurrentHashMap.newKeySet();
  private volatile boolean metaPending;
  private volatile @Nullable SendWindow window;

  /**
   * The sender of one telemetry connection, publishing its {@code share} of the tags, read from
   * {@code feed}; the senders of one buffer hold {@code bufferLock} to read or maintain it.
   */
  SenderLoop(BrokerConnection connection, MqttConfig config,
      Namespace namespace, DiskBuffer buffer, int replayRate, PublishCounters counters,
      UnsConfig uns, Lanes.Share share, LiveFeed feed, Object bufferLock) {
    this.uns = uns;
    this.retention = new Retention(uns.retain());
    this.config = config;
    this.namespace = namespace;
    this.buffer = buffer;
    this.bufferLock = bufferLock;
    this.lanes = new Lanes(buffer, replayRate, share, feed, bufferLock);
    this.counters = counters;
    this.connection = connection;
    this.connector = new Connector(connection, this::connectionLost,
        () -> stop.getCount() == 0);
  }

  /** The client of the connection; another after the lane switched to MQTT 3.1.1. */
  BrokerClient client() {
    return connector.client();
  }

  /**
   * Replaces the tag metadata; it is published now (when connected) and after every connect. The
   * retained topics of tags no longer in it are cleared: their {@code _meta}, and their value when
   * {@code uns.retain} keeps values, so a late joiner never sees a tag that is gone.
   */
  void meta(Iterable<TagMeta> next) {
    // The first metadata replaces none: no set of every new path (100,000 at a large plant).
    if (metas.iterator().hasNext()) {
      markRemoved(next);
    }
    this.metas = next;
    this.metaPending = true;
  }

  /** Marks the retained topics of tags in the current metadata but not in {@code next}. */
  private void markRemoved(Iterable<TagMeta> next) {
    Set<String> kept = new HashSet<>();
    next.forEach(meta -> kept.add(meta.path()));
    synchronized (clearLock) {
      for (TagMeta old : metas) {
        if (!kept.contains(old.path())) {
          toClear.add(Topics.meta(namespace, old.path()));
          if (retention.holdsValues()) {
            toClear.add(Topics.prefixed(namespace, old.path()));
          }
        }
      }
    }
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
      String line = connection.lost(client().serverUri(), reason,
          "Readings wait in the buffer " + buffer.file() + " meanwhile.");
      if (line != null) {
        LOG.warn(line);
      }
    }
  }

  @Override
  public void run() {
    int failures = 0;
    try {
      while (stop.getCount() > 0) {
        maintain();
        if (!connected()) {
          // Another client with this id took the session over: not at once, or the two would
          // take it from each other forever.
          Duration hold = connection.holdOff();
          if (!hold.isZero() && stop.await(hold.toMillis(), TimeUnit.MILLISECONDS)) {
            return;
          }
          Connector.Attempt attempt = connect(failures + 1);
          if (attempt.result() == Connector.Result.CONNECTED) {
            failures = 0;
          } else if (attempt.result() != Connector.Result.FAILED) {
            stop.await(POLL_MILLIS, TimeUnit.MILLISECONDS);
          } else {
            failures++;
            if (stop.await(retry.toMillis(), TimeUnit.MILLISECONDS)) {
              return;
            }
          }
        } else if (metaPending) {
          publishMeta();
        } else if (!retainedUnsent.isEmpty()) {
          publishRetained();
        } else {
          sendNext();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void maintain() {
    synchronized (bufferLock) {
      buffer.maintain();
    }
  }

  private void sendNext() throws InterruptedException {
    Lanes.Next next = lanes.peek();
    if (next == null) {
      long wait = Math.min(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS), lanes.nanosUntilReplay());
      buffer.awaitAppended(lanes.liveRead(), Math.max(wait, 100_000), TimeUnit.NANOSECONDS);
      return;
    }
    if (uns.form() == UnsConfig.Form.BATCHED) {
      sendBatch(next);
      return;
    }
    BufferedReading item = next.item();
    Reading reading = item.reading();
    String topic = Topics.prefixed(namespace, reading.path());
    Map<String, String> properties = next.historical() ? HISTORICAL : Map.of();
    Message message;
    try {
      message = new Message(encoder.encode(reading, next.historical()), config.qos(),
          retention.value(topic, reading.gatewayTime()), properties);
    } catch (RuntimeException e) {
      // One unencodable reading must not stop the lane.
      counters.failed(topic, e);
      buffer.acknowledge(item);
      lanes.taken(next);
      return;
    }
    Outcome outcome = send(topic, message, item);
    if (outcome == Outcome.FAILED) {
      buffer.acknowledge(item);
    }
    if (outcome != Outcome.RETRY) {
      lanes.taken(next);
    }
  }

  /** Publishes the run of readings of one PLC that {@code next} starts, as one message. */
  private void sendBatch(Lanes.Next next) throws InterruptedException {
    List<BufferedReading> run = lanes.run(next, uns.maxBatch());
    String connection = next.item().reading().connection();
    String topic = batchTopics.computeIfAbsent(connection, c -> Topics.batch(namespace, c));
    Map<String, String> properties = next.historical() ? HISTORICAL : Map.of();
    UnsJsonEncoder.Batch batch;
    try {
      batch = encoder.encodeBatch(run, maxBatchBytes, next.historical());
    } catch (RuntimeException e) {
      // One unencodable reading must not stop the lane: send the run one by one to find it.
      sendOneByOne(next, run, e);
      return;
    }
    // The run is this call's own list, never changed after: a view of it is the publish's context.
    List<BufferedReading> sent = run.subList(0, batch.count());
    Message message = new Message(batch.payload(), config.qos(),
        uns.retainsBatches() && retention.batch(topic, newest(sent)), properties);
    Outcome outcome = send(topic, message, sent);
    if (outcome == Outcome.FAILED) {
      sent.forEach(buffer::acknowledge);
    }
    if (outcome != Outcome.RETRY) {
      lanes.taken(next.historical(), sent.size());
    }
  }

  private static Instant newest(List<BufferedReading> readings) {
    Instant newest = Instant.MIN;
    for (BufferedReading item : readings) {
      Instant time = item.reading().gatewayTime();
      if (time.isAfter(newest)) {
        newest = time;
      }
    }
    return newest;
  }

  private void sendOneByOne(Lanes.Next next, List<BufferedReading> run, RuntimeException cause)
      throws InterruptedException {
    for (BufferedReading item : run) {
      try {
        encoder.encodeBatch(List.of(item), maxBatchBytes);
      } catch (RuntimeException e) {
        counters.failed(Topics.prefixed(namespace, item.reading().path()), e);
        buffer.acknowledge(item);
        lanes.taken(next.historical(), 1);
        return;
      }
    }
    // The run failed as a whole but no reading alone does: give up the first and go on.
    counters.failed(Topics.batch(namespace, next.item().reading().connection()), cause);
    buffer.acknowledge(next.item());
    lanes.taken(next.historical(), 1);
  }

  /** One attempt; after a failure, {@link #retry} says how long to wait. */
  private Connector.Attempt connect(int attempt) throws InterruptedException {
    SendWindow old = window;
    if (old != null) {
      old.retire();
      window = null;
    }
    Connector.Attempt result = connector.connect();
    if (result.result() == Connector.Result.CONNECTED) {
      int size = Math.min(config.maxInFlight(), result.receiveMaximum());
      maxBatchBytes = Math.max(1, Math.min(MAX_BATCH_BYTES,
          result.maxPacketBytes() - PACKET_HEADROOM));
      long backlog = lanes.reset();
      BrokerClient client = client();
      window = new SendWindow(size, counters, client::isConnected, buffer::acknowledge);
      metaPending = true;
      retainedUnsent.addAll(retained.keySet());
      LOG.info("MQTT connected to {} as {}: in-flight window {} (ceiling {}, broker receive"
              + " maximum {}); {} readings queued, replayed oldest first beside live data",
          client.serverUri(), config.clientId(), size, config.maxInFlight(),
          result.receiveMaximum() == BrokerConnection.UNKNOWN_LIMIT ? "not stated in MQTT 3.1.1"
              : result.receiveMaximum(), backlog);
    } else if (result.result() == Connector.Result.FAILED) {
      retry = connection.retryDelay(attempt, result.cause());
      String line = connection.unreachable(config.urls(), result.cause(), retry,
          buffer.size() + " readings wait in the buffer " + buffer.file());
      if (line != null) {
        LOG.warn(line);
      }
    }
    return result;
  }

  private void publishMeta() throws InterruptedException {
    metaPending = false;
    if (!clearRemoved()) {
      metaPending = true;
      return;
    }
    for (TagMeta meta : metas) {
      Message message = new Message(encoder.encodeMeta(meta), META_QOS, true, Map.of());
      Outcome outcome = send(Topics.meta(namespace, meta.path()), message, SendWindow.META);
      if (outcome == Outcome.RETRY) {
        // The connection is going; the next connect publishes all of it again.
        metaPending = true;
        return;
      }
    }
  }

  /** Sets a retained message; it goes out within a poll, and again after every connect. */
  void retain(String path, byte[] payload) {
    String topic = Topics.prefixed(namespace, path);
    retained.put(topic, payload);
    retainedUnsent.add(topic);
  }

  private void publishRetained() throws InterruptedException {
    for (String topic : List.copyOf(retainedUnsent)) {
      // Taken off first: a newer value set meanwhile marks the topic again.
      retainedUnsent.remove(topic);
      byte[] payload = retained.get(topic);
      if (payload == null) {
        continue;
      }
      Message message = new Message(payload, META_QOS, true, Map.of());
      if (send(topic, message, SendWindow.META) == Outcome.RETRY) {
        retainedUnsent.add(topic);
        return;
      }
    }
  }

  /** Clears the retained topics of removed tags; false when the connection went meanwhile. */
  private boolean clearRemoved() throws InterruptedException {
    List<String> topics;
    synchronized (clearLock) {
      topics = List.copyOf(toClear);
    }
    for (String topic : topics) {
      Message empty = new Message(new byte[0], META_QOS, true, Map.of());
      Outcome outcome = send(topic, empty, SendWindow.META);
      if (outcome == Outcome.RETRY) {
        return false;
      }
      synchronized (clearLock) {
        toClear.remove(topic);
      }
      retention.forget(topic);
    }
    if (!topics.isEmpty()) {
      LOG.info("MQTT: cleared the retained topics of {} removed tags ({} topics)",
          topics.stream().filter(t -> t.endsWith("/_meta")).count(), topics.size());
    }
    return true;
  }

  /**
   * Publishes within the window. RETRY means the message was not handed to Paho and may be sent
   * later; FAILED means it never will be (counted).
   */
  private Outcome send(String topic, Message message, Object context)
      throws InterruptedException {
    SendWindow w = window;
    if (w == null) {
      return Outcome.RETRY;
    }
    while (!w.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
      maintain();
      if (stop.getCount() == 0 || !w.live()) {
        return Outcome.RETRY;
      }
    }
    try {
      client().publish(topic, message.payload(), message.qos(), message.retained(),
          message.properties(), context, w);
      return Outcome.SENT;
    } catch (BrokerClient.Refused e) {
      w.release();
      if (e.inFlightFull()) {
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
    if (context != SendWindow.META) {
      counters.failed(topic, SendWindow.readings(context).size(), cause);
    } else {
      LOG.warn("MQTT broker {} refused metadata on {}: {}", client().serverUri(), topic,
          cause.toString());
    }
    return Outcome.FAILED;
  }
}
