package io.floorgate.driver.opcua;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import io.floorgate.driver.Backoff;
import io.floorgate.driver.CauseThrottle;
import io.floorgate.driver.ConditionSink;
import io.floorgate.driver.ConnectionSpec;
import io.floorgate.driver.Driver;
import io.floorgate.driver.LinkState;
import io.floorgate.driver.SampleSink;
import io.floorgate.driver.Status;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.SessionActivityListener;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one PLC over OPC UA with Eclipse Milo: subscription groups as OPC UA subscriptions,
 * polling groups as batched reads on a timer.
 *
 * <p>{@link #start} returns at once. The driver's own thread connects, retrying an unreachable
 * PLC with exponential backoff ({@link ConnectionSpec#retryInitial()} up to
 * {@link ConnectionSpec#retryMax()}, with jitter); a PLC that refuses the user is tried again
 * only after {@link DriverOptions#AUTH_RETRY}, so that an account lockout policy does not lock
 * the account. Each cause of failure is logged once, then counted ({@link CauseThrottle}).
 * Once connected, Milo keeps the session alive
 * and reconnects by itself; the driver reports each drop and return through
 * {@link SampleSink#linkChanged} and re-creates subscriptions the server no longer has.
 * A tag whose node cannot be monitored or read is delivered as a sample with that bad status,
 * and the node is tried again every {@value #NODE_RETRY_MS} ms. When the link is down for
 * {@link ConnectionSpec#badAfterLinkLoss()}, every tag is delivered BAD
 * ({@code Bad_NoCommunication}).
 *
 * <p>At every session the node ids are bound to the server's namespace table first
 * ({@link NamespaceBinding}): {@code nsu=} ids follow their namespace to whatever index it has
 * now, and an {@code ns=} index that names another namespace than at the first connect makes its
 * tags BAD instead of reading the namespace that moved in.
 *
 * <p>Security follows {@link ConnectionSpec#security()}: the gateway's certificate lives in the
 * PKI directory, PLC certificates are checked against its trust list, and a refused connect is
 * logged with what to trust where (see {@link TrustStore}).
 */
public final class OpcUaDriver implements Driver {

  private static final Logger log = LoggerFactory.getLogger(OpcUaDriver.class);
  private static final long EXECUTOR_GRACE_MS = 1_000;
  static final long NODE_RETRY_MS = 60_000;
  /**
   * Milo retries a lost session every 1–16 s and transfers the subscriptions when it is back; a
   * PLC away longer than this is left to the driver's backoff (up to retryMax, with jitter).
   */
  static final Duration TAKE_OVER_AFTER = Duration.ofSeconds(30);

  private final ConnectionSpec spec;
  private final DriverOptions options;
  private final Backoff backoff;
  private @Nullable ClientConnector connector;
  private final TagWriter writer;
  private final NamespaceBinding binding;
  private final Object lock = new Object();
  private final SessionActivityListener sessionListener = new SessionEvents(
      () -> post("session active", this::sessionActive),
      () -> post("session inactive", this::sessionInactive));

  // Guarded by lock.
  private boolean started;
  private boolean closed;
  private @Nullable DriverThread thread;
  private @Nullable OpcUaClient client;
  private @Nullable SampleSink sink;
  private @Nullable ConditionSink conditionSink;
  private volatile @Nullable ConditionGroup conditions;
  private volatile LinkState state = LinkState.CONNECTING;

  // Written on the driver's thread only.
  private final GroupKeeper keeper;
  private int connectFailures;
  /** Connect failures are logged once per cause, then counted (at most a line a minute). */
  private final CauseThrottle failures = new CauseThrottle();
  private int sessionLosses;
  private @Nullable LinkLoss linkLoss;
  private @Nullable ServerLimits limits;
  /** Set by {@link #start}; the declared types are read into it whenever groups are opened. */
  private @Nullable Delivery delivery;
  /** The tag groups (not the alarms'), and the binding they were built with. */
  private List<TagGroup> tagGroups = List.of();
  private NamespaceBinding.@Nullable Bound builtWith;
  /** The client the groups were last opened on; another one needs them opened, not restored. */
  private @Nullable OpcUaClient openedOn;
  private int bindFailures;
  /** Whether the tag groups were built anew since they were last opened. */
  private boolean unopened;
  /**
   * Whether this session's node ids are bound to its namespace table: until then nothing is
   * read, monitored or written, so a namespace that moved is never read at its old index.
   */
  private volatile boolean namespacesBound;

  /** A driver for {@code spec}; nothing happens until {@link #start}. */
  public OpcUaDriver(ConnectionSpec spec) {
    this(spec, DriverOptions.defaults());
  }

  OpcUaDriver(ConnectionSpec spec, DriverOptions options) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.options = Objects.requireNonNull(options, "options");
    this.backoff = new Backoff(spec.retryInitial(), spec.retryMax());
    this.keeper = new GroupKeeper(spec.name(), spec.endpointUrl(), backoff,
        () -> !isClosed() && acquiring(),
        (task, delay) -> schedule("restore groups", task, delay));
    this.binding = NamespaceBinding.of(spec);
    this.writer = new TagWriter(spec, binding, this::liveClient,
        options.requestTimeout().toMillis());
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
    // The box's own PKI directory is not the PLC's to fix: retrying would read as "PLC
    // unreachable" forever, so a directory that cannot be used fails the start.
    ClientSecurity.openPki(spec.security());
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
    ConditionSink conditionsTo = conditionSink;
    post("start", () -> {
      var scheduler = requireThread().scheduler();
      this.delivery = delivery;
      builtWith = binding.current();
      TagGroups.reportInvalid(spec, builtWith, delivery);
      // Built with the ids as written so that a PLC never reached still has its tags reported
      // BAD; never opened before the first session has bound them.
      tagGroups = buildGroups(builtWith);
      List<TagGroup> built = tagGroups;
      if (conditionsTo != null) {
        conditions = new ConditionGroup(spec.name(), conditionsTo,
            () -> post("restore groups", keeper::restoreAll));
        built = java.util.stream.Stream.concat(built.stream(),
            java.util.stream.Stream.of(conditions)).toList();
      }
      keeper.set(built);
      linkLoss = new LinkLoss(spec.name(), spec.badAfterLinkLoss(), scheduler, delivery,
          keeper::groups);
      scheduler.scheduleWithFixedDelay(() -> post("retry refused nodes", keeper::retryRefused),
          NODE_RETRY_MS, NODE_RETRY_MS, MILLISECONDS);
      notifySink(sink, LinkState.CONNECTING, "connecting to " + spec.endpointUrl());
      attemptConnect();
    });
  }

  @Override
  public void subscribeConditions(ConditionSink sink) {
    synchronized (lock) {
      if (started) {
        throw new IllegalStateException("driver for '" + spec.name() + "': subscribe to "
            + "conditions before start");
      }
      conditionSink = Objects.requireNonNull(sink, "sink");
    }
  }

  @Override
  public CompletableFuture<Void> acknowledge(String conditionId, String eventId, String comment) {
    ConditionGroup g = conditions;
    return g == null ? CompletableFuture.failedFuture(new IllegalStateException("connection "
        + spec.name() + " does not read the PLC's alarms")) : g.acknowledge(conditionId, eventId,
        comment);
  }

  private List<TagGroup> buildGroups(NamespaceBinding.Bound bound) {
    return TagGroups.build(spec, bound, Objects.requireNonNull(delivery, "not started"),
        () -> post("restore groups", keeper::restoreAll), requireThread().scheduler(),
        this::acquiring, options.requestTimeout().toMillis());
  }

  /** Whether the session is up and its node ids bound: groups may read and monitor. */
  private boolean acquiring() {
    return state == LinkState.CONNECTED && namespacesBound;
  }

  /** The connector, built on first use: opening the PKI may fail, and is then retried. */
  private ClientConnector connector() {
    ClientConnector c = connector;
    if (c == null) {
      c = new ClientConnector(spec.endpointUrl(), spec.name(), options,
          ClientSecurity.of(spec.security(), spec.name()));
      connector = c;
    }
    return c;
  }

  @Override
  public CompletableFuture<Status> write(String tag, Object value) {
    return writer.write(tag, value);
  }

  private @Nullable OpcUaClient liveClient() {
    synchronized (lock) {
      return closed || !acquiring() ? null : client;
    }
  }

  /** One connection attempt; on failure, the next one is scheduled after the backoff delay. */
  private void attemptConnect() {
    if (isClosed()) {
      return;
    }
    OpcUaClient c;
    ClientConnector conn = null;
    try {
      conn = connector();
      c = conn.connect();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return; // close() is stopping the driver's thread
    } catch (Exception e) {
      if (isClosed()) {
        return;
      }
      connectFailures++;
      String cause = Causes.describe(e);
      String advice = conn == null ? null : SecurityAdvice.advise(e, conn.security());
      // A refused user is retried after minutes, not seconds: a PLC with an account lockout
      // policy would lock the account after a few quick tries.
      boolean userRefused = SecurityAdvice.isUserRefused(e);
      Duration delay = userRefused ? options.authRetry() : backoff.next(connectFailures);
      String next = "next attempt in " + Backoff.humanize(delay)
          + (userRefused ? " to avoid locking the account" : "");
      if (advice != null) {
        String line = failures.admit(advice, "opcua connection '" + spec.name()
            + "': cannot connect to " + spec.endpointUrl() + " (" + spec.security().describe()
            + "): " + advice + "; " + next);
        if (line != null) {
          log.error(line);
        }
        cause = advice;
      } else {
        String line = failures.admit(cause, "opcua connection '" + spec.name()
            + "': cannot connect to " + spec.endpointUrl() + ": " + cause + "; " + next
            + " (check that the PLC is on and reachable and the endpoint URL is right)");
        if (line != null) {
          log.warn(line);
        }
      }
      requireLinkLoss().lost();
      report(LinkState.DISCONNECTED, cause + "; " + next);
      schedule("reconnect", this::attemptConnect, delay);
      return;
    }
    namespacesBound = false;
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
    failures.clear();
    c.addSessionActivityListener(sessionListener);
    ServerLimits limits = ServerLimits.read(c,
        options.monitoredItemsPerCall() > 0 ? options.monitoredItemsPerCall()
            : spec.maxMonitoredItemsPerCall(),
        options.nodesPerRead() > 0 ? options.nodesPerRead() : spec.maxNodesPerRead(), spec.name());
    this.limits = limits;
    log.info("opcua connection '{}': connected to {} ({}; {} monitored items per call, {} nodes "
            + "per read)", spec.name(), spec.endpointUrl(), spec.security().describe(),
        limits.monitoredItemsPerCall(), limits.nodesPerRead());
    requireLinkLoss().restored();
    // Bound before CONNECTED is reported: whoever writes on that news finds the ids ready.
    boolean bound = bind(c);
    report(LinkState.CONNECTED, "connected to " + spec.endpointUrl());
    if (bound) {
      acquire(c, false);
    } else {
      rebindLater(c, false);
    }
  }

  /**
   * Reads the server's namespace table on the session {@code c} has now and binds the node ids
   * to it ({@link NamespaceBinding}); when they bind otherwise than the groups were built with,
   * the groups are built again (opened by {@link #acquire}), so that no item is created, no poll
   * sent and no value written with an index that names another namespace than the tag's.
   *
   * @return whether the ids are bound; if not, the failure is logged and {@link #rebindLater}
   *     is up to the caller
   */
  private boolean bind(OpcUaClient c) {
    String[] namespaces;
    try {
      namespaces = NamespaceBinding.readNamespaceArray(c, options.requestTimeout().toMillis());
    } catch (UaException e) {
      log.warn("opcua connection '{}': cannot read the namespace table (NamespaceArray) of {}: "
              + "{}; its tags are not read until it can be", spec.name(), spec.endpointUrl(),
          Causes.describe(e));
      return false;
    }
    bindFailures = 0;
    NamespaceBinding.Bound bound = binding.bind(namespaces);
    if (!bound.equals(builtWith)) {
      List<TagGroup> fresh = buildGroups(bound);
      keeper.replace(tagGroups, fresh);
      tagGroups = fresh;
      builtWith = bound;
      unopened = true;
    }
    namespacesBound = true;
    return true;
  }

  /** Asks for the namespace table again after the backoff, while this session lasts. */
  private void rebindLater(OpcUaClient c, boolean wereReportedBad) {
    Duration delay = backoff.next(++bindFailures);
    log.info("opcua connection '{}': next attempt to read the namespace table in {}", spec.name(),
        Backoff.humanize(delay));
    schedule("bind namespaces", () -> {
      if (isClosed() || state != LinkState.CONNECTED || namespacesBound || currentClient() != c) {
        return; // closed, or the session is gone: the next one binds afresh
      }
      if (bind(c)) {
        acquire(c, wereReportedBad);
      } else {
        rebindLater(c, wereReportedBad);
      }
    }, delay);
  }

  /** Opens or restores the groups on the session {@code c} has now; its ids are bound. */
  private void acquire(OpcUaClient c, boolean wereReportedBad) {
    ServerLimits l = limits;
    if (isClosed() || currentClient() != c || l == null) {
      return;
    }
    boolean rebuilt = unopened;
    unopened = false;
    Delivery d = delivery;
    if (d != null && (openedOn != c || rebuilt)) {
      // Before the groups open, so that the first samples already carry their declared types;
      // again on a rebuild, whose ids may name other variables.
      d.declare(DeclaredTypes.read(spec.name(), c, tagGroups, l.nodesPerRead()));
    }
    if (openedOn != c) {
      openedOn = c;
      keeper.openAll(c, l);
    } else if (rebuilt) {
      log.info("opcua connection '{}': the server's namespace table changed; its tag groups "
          + "are subscribed again with the node ids bound to it", spec.name());
      keeper.open(tagGroups, c, l);
      keeper.restoreAll();
    } else {
      keeper.restoreAll();
      if (wereReportedBad) {
        keeper.refreshAll(c, l);
      }
    }
  }

  private LinkLoss requireLinkLoss() {
    return Objects.requireNonNull(linkLoss, "not started");
  }

  /** Milo calls this on its threads; everything it triggers runs on the driver's thread. */
  private void sessionActive() {
    if (state == LinkState.CONNECTED && namespacesBound) {
      // Milo may report the activation of the session connect() returned after the driver has
      // bound it (one start in four here): nothing was lost, so nothing is bound or restored
      // again — unbinding for the new read of the namespace table made writes meanwhile fail.
      return;
    }
    if (state != LinkState.CONNECTED) {
      log.info("opcua connection '{}': session to {} is back", spec.name(), spec.endpointUrl());
    }
    boolean wereReportedBad = requireLinkLoss().restored();
    // The server may have restarted with its namespaces in another order.
    namespacesBound = false;
    OpcUaClient c = currentClient();
    boolean bound = c != null && bind(c);
    report(LinkState.CONNECTED, "session to " + spec.endpointUrl() + " re-established");
    if (c == null) {
      return;
    }
    if (bound) {
      acquire(c, wereReportedBad);
    } else {
      rebindLater(c, wereReportedBad);
    }
  }

  private void sessionInactive() {
    namespacesBound = false;
    String line = failures.admit("session lost", "opcua connection '" + spec.name()
        + "': session to " + spec.endpointUrl() + " lost; reconnecting automatically, "
        + "subscriptions are restored when it is back");
    if (line != null) {
      log.warn(line);
    }
    report(LinkState.DISCONNECTED, "session to " + spec.endpointUrl() + " lost; reconnecting");
    requireLinkLoss().lost();
    int loss = ++sessionLosses;
    schedule("take over reconnecting", () -> takeOver(loss), TAKE_OVER_AFTER);
  }

  /** The session has not come back by itself: drop it and reconnect with the driver's backoff. */
  private void takeOver(int loss) {
    if (loss != sessionLosses || state == LinkState.CONNECTED || isClosed()) {
      return;
    }
    OpcUaClient c;
    synchronized (lock) {
      c = client;
      client = null;
    }
    if (c == null) {
      return;
    }
    c.removeSessionActivityListener(sessionListener);
    log.warn("opcua connection '{}': {} has been away for {} s; closing that session and "
            + "reconnecting with backoff (up to {} between attempts)", spec.name(),
        spec.endpointUrl(), TAKE_OVER_AFTER.toSeconds(), Backoff.humanize(spec.retryMax()));
    ClientConnector.disconnect(c, options.closeTimeout().toMillis());
    connectFailures = 0;
    attemptConnect();
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
    if (c != null) {
      c.removeSessionActivityListener(sessionListener);
    }
    // With the session down the server cannot be asked; it drops the subscriptions with the session.
    keeper.closeAll(c, state == LinkState.CONNECTED, deadline);
    if (t != null) {
      // A connect attempt in progress is interrupted after the grace period.
      t.stop(Math.min(EXECUTOR_GRACE_MS, Math.max(1, remainingMs(deadline))));
    }
    report(LinkState.CLOSED, "closed");
    log.info("opcua connection '{}': closed", spec.name());
  }

  static long remainingMs(long deadlineNanos) {
    return (deadlineNanos - System.nanoTime()) / 1_000_000;
  }

  private boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  private @Nullable OpcUaClient currentClient() {
    synchronized (lock) {
      return client;
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
    return keeper.groups();
  }
}
