package io.floorgate.mqtt;

import io.floorgate.broker.BrokerClient;
import io.floorgate.broker.BrokerConnection;
import io.floorgate.buffer.DiskBuffer;
import io.floorgate.config.MqttConfig;
import io.floorgate.config.Namespace;
import io.floorgate.config.UnsConfig;
import io.floorgate.reading.Reading;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes readings to the telemetry broker as Unified Namespace JSON, one topic per tag
 * ({@code [topicPrefix/]enterprise/site/area/…/tag}, QoS from the config, not retained) or, in the
 * batched form, several readings per message on {@code [topicPrefix/]enterprise/site/_batch/<PLC
 * connection>}; and each tag's metadata retained on {@code …/tag/_meta} after every connect.
 *
 * <p>{@link #offer} never waits for the broker: every reading goes into the store-and-forward
 * {@link DiskBuffer} first and leaves it only when the broker has acknowledged it (QoS 1 PUBACK),
 * so readings survive broker outages and a crash of the gateway. One sender thread, started by
 * {@link #start()}, connects in the background (trying the configured brokers in order; an
 * unreachable broker is logged and retried with backoff, never thrown), keeps at most
 * min({@code maxInFlight}, the broker's Receive Maximum) publishes unacknowledged, sends live
 * readings first and replays the backlog oldest first in the room they leave (see {@link Lanes}).
 * With {@code mqtt.connections} N above 1 there are N connections and senders, each publishing
 * the tags whose path hashes to it, so each tag keeps its order and N windows are in flight.
 */
public final class MqttPublisher implements AutoCloseable {

  /** How long {@link #close()} lets queued and in-flight readings reach the broker. */
  public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);
  private static final long JOIN_MILLIS = 2_000;
  private static final long DISCONNECT_QUIESCE_MILLIS = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(MqttPublisher.class);

  private final MqttConfig config;
  private final BrokerConnection connection;
  private final DiskBuffer buffer;
  private final PublishCounters counters;
  /** One per telemetry connection; the first also publishes the metadata and retained messages. */
  private final List<SenderLoop> loops;
  private final SenderLoop loop;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Readings staged by the pipeline's thread, queued together at {@link #commitStaged()}. */
  private final List<Reading> staged = new ArrayList<>();
  private final List<Thread> senders = new ArrayList<>();

  /**
   * Prepares the client; nothing connects before {@link #start()}. The buffer stays the caller's
   * to close, after this publisher.
   *
   * @param replayRate backlog readings per second at most after a reconnect; 0 for no limit
   * @throws IllegalArgumentException for an invalid broker URL or unusable TLS files
   */
  public MqttPublisher(MqttConfig config, Namespace namespace, DiskBuffer buffer,
      int replayRate) {
    this(config, namespace, buffer, replayRate, UnsConfig.defaults());
  }

  /**
   * As above, publishing in the form {@code uns} chooses.
   *
   * @param uns one message per reading, or batched
   */
  public MqttPublisher(MqttConfig config, Namespace namespace, DiskBuffer buffer,
      int replayRate, UnsConfig uns) {
    this.config = Objects.requireNonNull(config, "config");
    this.buffer = Objects.requireNonNull(buffer, "buffer");
    Objects.requireNonNull(namespace, "namespace");
    this.connection = new BrokerConnection("UNS", config.broker());
    this.counters = new PublishCounters(String.join(", ", config.urls()));
    Objects.requireNonNull(uns, "uns");
    Object bufferLock = new Object();
    LiveFeed feed = new LiveFeed(buffer, config.connections(), bufferLock);
    List<SenderLoop> all = new ArrayList<>();
    for (int n = 0; n < config.connections(); n++) {
      MqttConfig own = config.connection(n);
      all.add(new SenderLoop(n == 0 ? connection : new BrokerConnection("UNS", own.broker()), own,
          namespace, buffer, replayRate, counters, uns, new Lanes.Share(n, config.connections()),
          feed, bufferLock));
    }
    this.loops = List.copyOf(all);
    this.loop = loops.get(0);
  }

  /** The lane's broker connection: its backoff, and the waits it schedules. */
  BrokerConnection connection() {
    return connection;
  }

  /** Starts the sender threads (one per connection), which connect in the background. Returns at once. */
  public void start() {
    if (closed.get() || !started.compareAndSet(false, true)) {
      return;
    }
    for (int n = 0; n < loops.size(); n++) {
      Thread thread = new Thread(loops.get(n), "floorgate-mqtt-" + config.connection(n).clientId());
      thread.setDaemon(true);
      senders.add(thread);
      thread.start();
    }
  }

  /**
   * Queues a reading for publishing in the buffer; never waits for the broker. When the buffer is
   * full its policy decides what gives way (counted in {@link #dropped()}).
   *
   * @return false only after {@link #close()}
   */
  public boolean offer(Reading reading) {
    if (closed.get()) {
      return false;
    }
    buffer.append(reading);
    return true;
  }

  /**
   * Stages a reading; it is queued, with the others staged, at the next {@link #commitStaged()}
   * (or once {@value DiskBuffer#MAX_ENTRY_READINGS} are staged). For the one thread that feeds
   * the publisher: queueing readings together is one disk write instead of one each.
   */
  public void stage(Reading reading) {
    staged.add(reading);
    if (staged.size() >= DiskBuffer.MAX_ENTRY_READINGS) {
      commitStaged();
    }
  }

  /** Queues what {@link #stage} collected; the feeding thread calls it whenever it runs dry. */
  public void commitStaged() {
    if (staged.isEmpty()) {
      return;
    }
    if (!closed.get()) {
      buffer.append(staged);
    }
    staged.clear();
  }

  /**
   * Sets the tag metadata, published retained now when connected and again after every connect.
   * It is iterated at each of those times, so it must yield the same metadata every time (as
   * {@link TagMeta#of} and an unmodifiable list do).
   */
  public void publishMeta(Iterable<TagMeta> metas) {
    loop.meta(metas);
  }

  /**
   * Publishes a retained message of another feature on this connection, QoS 1: now when
   * connected, and again after every connect. Never blocks; a newer one for the same path
   * replaces an unsent older one.
   *
   * @param path {@code enterprise/site/…}; the topic prefix is added
   */
  public void retain(String path, byte[] payload) {
    loop.retain(path, payload);
  }

  /** Whether the telemetry connections are up, all of them. */
  public boolean isConnected() {
    return loops.stream().allMatch(SenderLoop::connected);
  }

  /** Telemetry connections up. */
  public int connectedCount() {
    return (int) loops.stream().filter(SenderLoop::connected).count();
  }

  /** Telemetry connections configured ({@code mqtt.connections}). */
  public int connections() {
    return loops.size();
  }

  /** Readings the broker acknowledged (QoS 1) or that were written out (QoS 0). */
  public long published() {
    return counters.published.sum();
  }

  /**
   * Records, from now on, how long each acknowledged reading took from the gateway's receipt of
   * it to the broker's acknowledgement (including any time queued while the broker was away).
   */
  public void recordLatency(Timer timer) {
    counters.latency = Objects.requireNonNull(timer, "timer");
  }

  /** Readings the broker or client refused; they are lost. */
  public long failed() {
    return counters.failed.sum();
  }

  /** Readings the buffer gave up: full, too old, or its disk failed. */
  public long dropped() {
    return buffer.dropped();
  }

  /** Readings in the buffer, including those sent and not yet acknowledged. */
  public long queued() {
    return buffer.size();
  }

  /** The in-flight windows of the current connections, summed; 0 while disconnected. */
  public int inFlightWindow() {
    int sum = 0;
    for (SenderLoop l : loops) {
      SendWindow w = l.window();
      sum += w == null ? 0 : w.size();
    }
    return sum;
  }

  /** Publishes that died with their connection before the broker acknowledged them; resent. */
  long requeued() {
    return counters.requeued.sum();
  }

  /** Publishes Paho refused as beyond the broker's Receive Maximum (should stay 0 at QoS 1). */
  long windowRejections() {
    return counters.windowRejections.sum();
  }

  long metaPublished() {
    return counters.metaPublished.sum();
  }

  /**
   * Lets queued and in-flight readings reach the broker for at most {@link #DRAIN_TIMEOUT} (not at
   * all while disconnected), then stops the sender, disconnects and closes the client. Readings
   * still queued stay in the buffer for the next start.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    while (!senders.isEmpty() && isConnected() && System.nanoTime() - deadline < 0
        && (buffer.size() > 0 || inFlight() > 0)) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    loops.forEach(SenderLoop::stop);
    for (Thread thread : senders) {
      try {
        // Every wait of the sender is bounded and watches the stop signal; the interrupt is a
        // last resort, as it could land inside Paho.
        thread.join(JOIN_MILLIS);
        if (thread.isAlive()) {
          thread.interrupt();
          thread.join(JOIN_MILLIS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    loops.forEach(MqttPublisher::closeClient);
    buffer.maintain();
    long unsent = buffer.size();
    if (unsent > 0) {
      LOG.info("MQTT publisher for {} closed with {} readings unsent; they stay in {} and are"
          + " sent after the next start", config.url(), unsent, buffer.file());
    }
  }

  private int inFlight() {
    int sum = 0;
    for (SenderLoop l : loops) {
      SendWindow w = l.window();
      sum += w == null ? 0 : w.inFlight();
    }
    return sum;
  }

  private static void closeClient(SenderLoop loop) {
    BrokerClient client = loop.client();
    client.disconnect(DISCONNECT_QUIESCE_MILLIS + 1_000, false);
    client.close();
  }
}
