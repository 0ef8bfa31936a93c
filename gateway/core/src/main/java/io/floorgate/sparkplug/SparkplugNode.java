package io.floorgate.sparkplug;

import io.floorgate.broker.BrokerClient;
import io.floorgate.config.GatewayConfig;
import io.floorgate.config.SparkplugConfig;
import io.floorgate.driver.LinkState;
import io.floorgate.reading.Reading;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway as a Sparkplug B 3.0 edge node: group and node id from the config, one device per
 * PLC connection, one metric per tag (named by the tag's path), on its own MQTT 5 connection.
 *
 * <p>{@link #offer} and {@link #linkChanged} never block: readings wait in a bounded queue (full:
 * dropped and counted), link changes and everything MQTT reports are handed to the node's one
 * thread, started by {@link #start()}, which owns the session. {@link #close()} publishes NDEATH,
 * then disconnects.
 */
public final class SparkplugNode implements AutoCloseable {

  /** Readings handled per turn of the node's thread, so commands and link changes interleave. */
  private static final int DRAIN_BATCH = 10_000;
  /**
   * How long the first reading of a quiet spell waits for others, so that the values of one
   * subscription notification or poll go out as one DDATA rather than one message each.
   */
  private static final long LINGER_MILLIS = 10;
  /** Commands waiting for the node's thread; beyond it a flood is dropped and counted. */
  private static final int MAX_PENDING_MESSAGES = 10_000;
  private static final long CLOSE_TIMEOUT_MS = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(SparkplugNode.class);

  private final SparkplugConfig config;
  private final NodeCounters counters = new NodeCounters();
  private final BlockingQueue<Reading> readings;
  private final ScheduledThreadPoolExecutor loop;
  private final NodeSession session;
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final AtomicInteger pendingMessages = new AtomicInteger();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  /** A node without store-and-forward: see {@link Backlog}. */
  public SparkplugNode(GatewayConfig config, DeviceWriter writer) {
    this(config, writer, Backlog.NONE);
  }

  /**
   * Prepares the node; nothing connects before {@link #start()}.
   *
   * @param writer  writes accepted DCMD values to the PLCs
   * @param backlog holds readings the node could not publish live, for historical DATA later
   */
  public SparkplugNode(GatewayConfig config, DeviceWriter writer, Backlog backlog) {
    this(config, writer, backlog, BdSeqFile.none(), Devices.BIRTH_WAIT);
  }

  /**
   * @param bdSeqs    where the bdSeq of the last CONNECT is kept across process starts
   * @param birthWait how long a DBIRTH waits for metrics not read since the PLC link came up
   */
  SparkplugNode(GatewayConfig config, DeviceWriter writer, Backlog backlog, BdSeqFile bdSeqs,
      Duration birthWait) {
    this.config = Objects.requireNonNull(config.sparkplug(), "sparkplug");
    this.readings = new ArrayBlockingQueue<>(this.config.queueCapacity());
    this.loop = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "floorgate-sparkplug");
      t.setDaemon(true);
      return t;
    });
    loop.setRemoveOnCancelPolicy(true);
    loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    MetricModel model = new MetricModel(config);
    CommandHandler commands = new CommandHandler(model, writer, counters, this.config.writes(),
        new WriteBudget(this.config.writes().maxPerSecond(), System::nanoTime));
    this.session = new NodeSession(this.config, model, commands,
        Objects.requireNonNull(backlog, "backlog"), counters, this::schedule, new Handover(),
        bdSeqs, birthWait);
  }

  /** Connects in the background; births follow as the config and the primary host allow. */
  public void start() {
    if (!closed.get() && started.compareAndSet(false, true)) {
      LOG.info("Sparkplug edge node {}/{} starting: brokers {}, client id {}, primary host {}, "
              + "aliases {}", config.groupId(), config.edgeNodeId(), config.brokers(),
          config.clientId(), config.primaryHostId() == null ? "none" : config.primaryHostId(),
          config.aliases() ? "on" : "off");
      post(session::connect);
    }
  }

  /** A new reading for DATA (and the next births); never blocks. */
  public void offer(Reading reading) {
    if (!readings.offer(reading)) {
      long n = counters.readingsDropped.sum() + 1;
      counters.readingsDropped.increment();
      if (Long.bitCount(n) == 1) {
        LOG.warn("Sparkplug edge node queue full ({} readings): {} readings dropped so far; the "
            + "node cannot keep up with the PLCs or the broker. For a burst (every tag at once "
            + "after a start or a reconnect) raise sparkplug.queueCapacity; for a steady rate "
            + "sample less often or add deadbands", config.queueCapacity(), n);
      }
      return;
    }
    if (drainScheduled.compareAndSet(false, true)) {
      schedule(this::drain, LINGER_MILLIS);
    }
  }

  /** A PLC link changed: DDEATH when it drops, DBIRTH when it is back. Never blocks. */
  public void linkChanged(String connection, LinkState state) {
    post(() -> session.linkChanged(connection, state));
  }

  /** Whether the node is in a session: NBIRTH published and not dead since. */
  public boolean isOnline() {
    return session.online();
  }

  /** Why the node is not online, or what it waits for. */
  public String detail() {
    return session.detail();
  }

  NodeCounters counters() {
    return counters;
  }

  /** The bdSeq of the current (or last) session; -1 before the first. */
  public int bdSeq() {
    return session.bdSeq();
  }

  /** Messages handed to the broker: births, deaths and DATA. */
  public long messagesPublished() {
    return counters.messages.sum();
  }

  /** Readings dropped because the node's queue was full. */
  public long readingsDropped() {
    return counters.readingsDropped.sum();
  }

  /** Command metrics refused (not writable, wrong type, out of range, unknown, PLC away). */
  public long commandsRefused() {
    return counters.commandsRefused.sum();
  }

  /** DCMD writes the PLC confirmed. */
  public long writesDone() {
    return counters.writesDone.sum();
  }

  /** DCMD writes that the PLC refused or that could not be sent. */
  public long writesFailed() {
    return counters.writesFailed.sum();
  }

  /** DBIRTHs not sent because they were larger than the broker takes (their device stays dead). */
  public long birthsTooLarge() {
    return counters.birthsTooLarge.sum();
  }

  /** Rebirth requests (NCMD) answered. */
  public long rebirths() {
    return counters.rebirthRequests.sum();
  }

  /** Sessions that published their NBIRTH. */
  public long sessions() {
    return counters.sessions.sum();
  }

  private void drain() {
    drainScheduled.set(false);
    List<Reading> batch = new ArrayList<>(Math.min(readings.size(), DRAIN_BATCH));
    readings.drainTo(batch, DRAIN_BATCH);
    if (!batch.isEmpty()) {
      session.readings(batch);
    }
    if (!readings.isEmpty() && drainScheduled.compareAndSet(false, true)) {
      post(this::drain);
    }
  }

  /** Publishes NDEATH, disconnects and stops the node's thread, within a bounded time. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      Future<?> done = loop.submit(session::close);
      done.get(CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("Sparkplug edge node {}/{} did not stop cleanly within {} ms: {}",
          config.groupId(), config.edgeNodeId(), CLOSE_TIMEOUT_MS, e.toString());
    }
    loop.shutdownNow();
    try {
      loop.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void post(Runnable task) {
    schedule(task, 0);
  }

  private void schedule(Runnable task, long delayMillis) {
    Runnable guarded = () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        // A bug must not end the node's thread and with it the session.
        LOG.error("Sparkplug edge node {}/{}: unexpected failure; the node carries on",
            config.groupId(), config.edgeNodeId(), e);
      }
    };
    try {
      if (delayMillis <= 0) {
        loop.execute(guarded);
      } else {
        loop.schedule(guarded, delayMillis, TimeUnit.MILLISECONDS);
      }
    } catch (RejectedExecutionException e) {
      // Closed: nothing more to do.
    }
  }

  /** The client's callbacks, handed to the node's thread. */
  private final class Handover implements BrokerLink.Events {
    @Override
    public void connected(BrokerLink link, BrokerClient.Connack connack) {
      post(() -> session.connected(link, connack));
    }

    @Override
    public void connectFailed(BrokerLink link, Throwable cause) {
      post(() -> session.connectFailed(link, cause));
    }

    @Override
    public void subscribed(BrokerLink link, int[] reasonCodes) {
      post(() -> session.subscribed(link, reasonCodes));
    }

    @Override
    public void lost(BrokerLink link, String reason) {
      post(() -> session.lost(link, reason));
    }

    @Override
    public void message(BrokerLink link, String topic, byte[] payload) {
      if (pendingMessages.incrementAndGet() > MAX_PENDING_MESSAGES) {
        pendingMessages.decrementAndGet();
        counters.commandsDropped.increment();
        return;
      }
      post(() -> {
        pendingMessages.decrementAndGet();
        session.message(link, topic, payload);
      });
    }
  }
}
