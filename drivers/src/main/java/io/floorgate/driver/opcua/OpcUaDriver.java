package io.floorgate.driver.opcua;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import io.floorgate.driver.ConnectionSpec;
import io.floorgate.driver.Driver;
import io.floorgate.driver.LinkState;
import io.floorgate.driver.SampleSink;
import io.floorgate.driver.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.SessionActivityListener;
import org.eclipse.milo.opcua.sdk.client.UaSession;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one PLC over OPC UA with Eclipse Milo: subscription groups as OPC UA subscriptions,
 * polling groups as batched reads on a timer.
 *
 * <p>{@link #start} returns at once. The driver's own thread connects, retrying an unreachable
 * PLC with exponential backoff ({@link ConnectionSpec#retryInitial()} up to
 * {@link ConnectionSpec#retryMax()}, with jitter). Once connected, Milo keeps the session alive
 * and reconnects by itself; the driver reports each drop and return through
 * {@link SampleSink#linkChanged} and re-creates subscriptions the server no longer has.
 * A tag whose node cannot be monitored or read is delivered as a sample with that bad status.
 * The session uses security mode None and the anonymous identity.
 */
public final class OpcUaDriver implements Driver {

  private static final Logger log = LoggerFactory.getLogger(OpcUaDriver.class);
  private static final long EXECUTOR_GRACE_MS = 1_000;

  private final ConnectionSpec spec;
  private final DriverOptions options;
  private final Backoff backoff;
  private final ClientConnector connector;
  private final TagWriter writer;
  private final Object lock = new Object();
  private final SessionActivityListener sessionListener = new SessionListener();

  // Guarded by lock.
  private boolean started;
  private boolean closed;
  private @Nullable DriverThread thread;
  private @Nullable OpcUaClient client;
  private @Nullable SampleSink sink;
  private volatile LinkState state = LinkState.CONNECTING;

  // Written on the driver's thread only.
  private volatile List<TagGroup> groups = List.of();
  private int connectFailures;
  private int restoreFailures;
  private boolean restoreScheduled;

  /** A driver for {@code spec}; nothing happens until {@link #start}. */
  public OpcUaDriver(ConnectionSpec spec) {
    this(spec, DriverOptions.defaults());
  }

  OpcUaDriver(ConnectionSpec spec, DriverOptions options) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.options = Objects.requireNonNull(options, "options");
    this.backoff = new Backoff(spec.retryInitial(), spec.retryMax());
    this.connector = new ClientConnector(spec.endpointUrl(), spec.name(), options);
    this.writer = new TagWriter(spec, this::liveClient, options.requestTimeout().toMillis());
  }

  @Override
  public ConnectionSpec spec() {
    return spec;
  }

  @Override
  public LinkState state() {
    return state;
  }

  @Override
  public void start(SampleSink sink) {
    Objects.requireNonNull(sink, "sink");
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("driver for '" + spec.name() + "' is closed");
      }
      if (started) {
        throw new IllegalStateException("driver for '" + spec.name() + "' is already started");
      }
      started = true;
      this.sink = sink;
      thread = new DriverThread(spec.name());
    }
    var delivery = new Delivery(spec.name(), sink);
    post("start", () -> {
      groups = TagGroups.build(spec, delivery, () -> post("restore groups", this::restoreGroups),
          requireThread().scheduler(), () -> state == LinkState.CONNECTED,
          options.requestTimeout().toMillis());
      notifySink(sink, LinkState.CONNECTING, "connecting to " + spec.endpointUrl());
      attemptConnect();
    });
  }

  @Override
  public CompletableFuture<Status> write(String tag, Object value) {
    return writer.write(tag, value);
  }

  private @Nullable OpcUaClient liveClient() {
    synchronized (lock) {
      return closed || state != LinkState.CONNECTED ? null : client;
    }
  }

  /** One connection attempt; on failure, the next one is scheduled after the backoff delay. */
  private void attemptConnect() {
    if (isClosed()) {
      return;
    }
    OpcUaClient c;
    try {
      c = connector.connect();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return; // close() is stopping the driver's thread
    } catch (Exception e) {
      if (isClosed()) {
        return;
      }
      connectFailures++;
      Duration delay = backoff.next(connectFailures);
      String cause = Causes.describe(e);
      log.warn("opcua connection '{}': cannot connect to {}: {}; next attempt in {} (check that "
              + "the PLC is on and reachable and the endpoint URL is right)",
          spec.name(), spec.endpointUrl(), cause, Backoff.humanize(delay));
      report(LinkState.DISCONNECTED, cause + "; next attempt in " + Backoff.humanize(delay));
      schedule("reconnect", this::attemptConnect, delay);
      return;
    }
    synchronized (lock) {
      if (!closed) {
        client = c;
      }
    }
    if (isClosed()) {
      ClientConnector.disconnect(c, options.closeTimeout().toMillis());
      return;
    }
    connectFailures = 0;
    c.addSessionActivityListener(sessionListener);
    ServerLimits limits = ServerLimits.read(c, options, spec.name());
    log.info("opcua connection '{}': connected to {} ({}; {} monitored items per call, {} nodes "
            + "per read)", spec.name(), spec.endpointUrl(), options.security().describe(),
        limits.monitoredItemsPerCall(), limits.nodesPerRead());
    report(LinkState.CONNECTED, "connected to " + spec.endpointUrl());
    boolean allWell = true;
    for (TagGroup group : groups) {
      try {
        group.open(c, limits);
      } catch (Exception e) {
        allWell = groupFailed(group, e);
      }
    }
    afterRound(allWell);
  }

  /** Re-creates what the server lost; retried with backoff until every group is whole. */
  private void restoreGroups() {
    if (isClosed() || state != LinkState.CONNECTED) {
      return; // the next session activation restores
    }
    boolean allWell = true;
    for (TagGroup group : groups) {
      try {
        group.restore();
      } catch (Exception e) {
        allWell = groupFailed(group, e);
      }
    }
    afterRound(allWell);
  }

  private boolean groupFailed(TagGroup group, Exception e) {
    log.warn("opcua connection '{}': group '{}' could not be set up on {}: {}; retrying with backoff",
        spec.name(), group.name(), spec.endpointUrl(), Causes.describe(e));
    return false;
  }

  /** One retry per round, however many groups failed in it. */
  private void afterRound(boolean allWell) {
    if (allWell) {
      restoreFailures = 0;
      return;
    }
    if (!restoreScheduled) {
      restoreScheduled = true;
      Duration delay = backoff.next(++restoreFailures);
      log.info("opcua connection '{}': next attempt to set up the failed groups in {}",
          spec.name(), Backoff.humanize(delay));
      schedule("restore groups", () -> {
        restoreScheduled = false;
        restoreGroups();
      }, delay);
    }
  }

  /** Milo calls this on its threads; everything it triggers runs on the driver's thread. */
  private final class SessionListener implements SessionActivityListener {
    @Override
    public void onSessionActive(UaSession session) {
      post("session active", () -> {
        if (state != LinkState.CONNECTED) {
          log.info("opcua connection '{}': session to {} is back", spec.name(), spec.endpointUrl());
        }
        report(LinkState.CONNECTED, "session to " + spec.endpointUrl() + " re-established");
        restoreGroups();
      });
    }

    @Override
    public void onSessionInactive(UaSession session) {
      post("session inactive", () -> {
        log.warn("opcua connection '{}': session to {} lost; reconnecting automatically, "
            + "subscriptions are restored when it is back", spec.name(), spec.endpointUrl());
        report(LinkState.DISCONNECTED, "session to " + spec.endpointUrl() + " lost; reconnecting");
      });
    }
  }

  /** Reports a state change once; nothing after CLOSED. */
  private void report(LinkState next, String detail) {
    SampleSink s;
    synchronized (lock) {
      if (state == LinkState.CLOSED || state == next) {
        return;
      }
      state = next;
      s = sink;
    }
    if (s != null) {
      notifySink(s, next, detail);
    }
  }

  private void notifySink(SampleSink s, LinkState next, String detail) {
    try {
      s.linkChanged(spec.name(), next, detail);
    } catch (RuntimeException e) {
      log.error("opcua connection '{}': the sink failed on a link change to {}", spec.name(), next, e);
    }
  }

  @Override
  public void close() {
    DriverThread t;
    OpcUaClient c;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      t = thread;
      c = client;
    }
    if (t != null) {
      t.shutdown();
    }
    long deadline = System.nanoTime() + options.closeTimeout().toNanos();
    // With the session down the server cannot be asked; it drops the subscriptions with the session.
    boolean reachable = state == LinkState.CONNECTED;
    List<CompletableFuture<?>> deletions = new ArrayList<>();
    for (TagGroup group : groups) {
      CompletableFuture<?> closing = group.close();
      if (reachable) {
        deletions.add(closing.exceptionally(e -> null));
      }
    }
    if (c != null) {
      c.removeSessionActivityListener(sessionListener);
      try {
        CompletableFuture.allOf(deletions.toArray(CompletableFuture[]::new))
            .get(Math.max(1, remainingMs(deadline)), MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        log.info("opcua connection '{}': subscriptions not deleted in time ({}); closing the "
            + "session removes them", spec.name(), Causes.describe(e));
      }
      ClientConnector.disconnect(c, remainingMs(deadline));
    }
    if (t != null) {
      // A connect attempt in progress is interrupted after the grace period.
      t.stop(Math.min(EXECUTOR_GRACE_MS, Math.max(1, remainingMs(deadline))));
    }
    report(LinkState.CLOSED, "closed");
    log.info("opcua connection '{}': closed", spec.name());
  }

  private static long remainingMs(long deadlineNanos) {
    return (deadlineNanos - System.nanoTime()) / 1_000_000;
  }

  private boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  private DriverThread requireThread() {
    synchronized (lock) {
      return Objects.requireNonNull(thread, "not started");
    }
  }

  private void post(String what, Runnable task) {
    requireThread().post(what, task);
  }

  private void schedule(String what, Runnable task, Duration delay) {
    requireThread().schedule(what, task, delay);
  }

  /** The groups, for tests. */
  List<TagGroup> groups() {
    return groups;
  }
}
