package io.floorgate.sparkplug;

import io.floorgate.broker.BrokerClient;
import io.floorgate.broker.BrokerConnection;
import io.floorgate.config.SparkplugConfig;
import io.floorgate.driver.LinkState;
import io.floorgate.reading.Reading;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge node's session: connect (a new {@link BrokerLink} with the next bdSeq), subscribe
 * NCMD/DCMD/STATE, wait for the primary host, NBIRTH (the devices' births and DATA are
 * {@link Devices}'), NDEATH, and on any trouble the next broker. Everything here runs on the node's
 * one thread, so it needs no locks.
 *
 * <p>A host sees an NDEATH only for a session it saw born. Sparkplug 3.0 wants a Will in every
 * CONNECT (tck-id-message-flow-edge-node-birth-publish-will-message), so a connection that ends
 * before its NBIRTH ends with a normal DISCONNECT (reason 0x00), on which the broker discards the
 * Will. While the primary host is offline the node stays connected and subscribed to its STATE
 * without births (tck-id-message-flow-edge-node-birth-publish-phid-wait) and births as soon as
 * STATE says online; only an offline STATE during a session makes it publish NDEATH and
 * disconnect (tck-id-message-flow-edge-node-birth-publish-phid-offline). With several brokers it
 * walks to the next one where the host is offline
 * (tck-id-operational-behavior-primary-application-state-with-multiple-servers-walk), and once
 * the host is offline on every broker it waits, still connected, for the backoff's delay before
 * walking on, so that the host coming back on that broker is answered at once.
 */
final class NodeSession {

  /** A session shorter than this that is lost counts as a failed attempt (no reconnect storm). */
  private static final long SHORT_SESSION_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final long DEATH_TIMEOUT_MS = 2_000;
  private static final Logger LOG = LoggerFactory.getLogger(NodeSession.class);

  enum Phase { IDLE, CONNECTING, SUBSCRIBING, WAITING_FOR_HOST, ONLINE, CLOSED }

  private final SparkplugConfig config;
  private final MetricModel model;
  private final SparkplugTopics topics;
  private final Payloads payloads;
  private final Outbound out;
  private final Devices devices;
  private final CommandHandler commands;
  private final NodeCounters counters;
  private final NodeThread loop;
  private final BrokerLink.Events events;
  private final HostState host = new HostState();
  private final Reconnects reconnects;
  private final BrokerConnection connection;
  private final String name;
  private final BdSeqFile bdSeqs;
  /** The connection that is waiting, connected, before it walks to the next broker; or null. */
  private @Nullable BrokerLink walking;

  private volatile Phase phase = Phase.IDLE;
  private @Nullable BrokerLink link;
  private int bdSeq;
  private boolean advanceBdSeq;
  private long onlineSinceNanos;
  private volatile boolean online;
  private volatile int sessionBdSeq = -1;
  private volatile String detail = "not connected yet";

  NodeSession(SparkplugConfig config, MetricModel model, CommandHandler commands,
      Backlog backlog, NodeCounters counters, NodeThread loop,
      BrokerLink.Events events, BdSeqFile bdSeqs, Duration birthWait) {
    this.config = config;
    this.model = model;
    this.commands = commands;
    this.counters = counters;
    this.loop = loop;
    this.events = events;
    this.topics = new SparkplugTopics(config.groupId(), config.edgeNodeId());
    this.payloads = new Payloads(config.aliases());
    this.out = new Outbound(topics, payloads, counters);
    this.devices = new Devices(model, out, new DataBatcher(out, payloads), backlog, counters, loop,
        birthWait);
    this.connection = new BrokerConnection("Sparkplug", config.broker());
    this.reconnects = new Reconnects(config.brokers().size(), connection.backoff());
    this.name = config.groupId() + "/" + config.edgeNodeId();
    this.bdSeqs = bdSeqs;
    this.bdSeq = bdSeqs.first();
  }

  boolean online() {
    return online;
  }

  int bdSeq() {
    return sessionBdSeq;
  }

  String detail() {
    return phase == Phase.WAITING_FOR_HOST
        ? "connected, waiting for primary host " + config.primaryHostId() : detail;
  }

  void connect() {
    if (phase == Phase.CLOSED) {
      return;
    }
    if (advanceBdSeq) {
      bdSeq = (bdSeq + 1) & 0xFF;
    }
    advanceBdSeq = true;
    bdSeqs.save(bdSeq);
    String url = config.brokers().get(reconnects.index());
    host.forgetOnline(url);
    BrokerLink l = null;
    try {
      l = new BrokerLink(connection, url, bdSeq, events);
      link = l;
      phase = Phase.CONNECTING;
      l.connect(topics.ndeath(), payloads.ndeath(bdSeq, new Date()));
    } catch (BrokerClient.Refused | RuntimeException e) {
      link = null;
      phase = Phase.IDLE;
      if (l != null) {
        l.close();
      }
      retry("cannot connect to " + url + ": " + e, e);
    }
  }

  void connected(BrokerLink l, BrokerClient.Connack connack) {
    if (l != link) {
      l.close();
      return;
    }
    connection.connected(connack, l.url);
    phase = Phase.SUBSCRIBING;
    out.begin(l, config.maxDataBytes(), connack.maxPacketBytes());
    List<String> filters = new ArrayList<>(List.of(topics.ncmd(), topics.dcmdFilter()));
    if (config.primaryHostId() != null) {
      filters.add(SparkplugTopics.state(config.primaryHostId()));
    }
    try {
      l.subscribe(filters.toArray(String[]::new));
    } catch (BrokerClient.Refused e) {
      lost(l, "subscribing failed: " + e.getMessage());
    }
  }

  void connectFailed(BrokerLink l, Throwable cause) {
    if (l != link) {
      return;
    }
    link = null;
    l.close();
    phase = Phase.IDLE;
    if (connection.retryWith311(l.protocol(), cause)) {
      // The broker refused MQTT 5 itself: no session and no Will, so the same bdSeq again.
      advanceBdSeq = false;
      loop.execute(this::connect);
      return;
    }
    advanceBdSeq = Reconnects.connectMayHaveBeenSent(cause);
    retry("broker " + l.url + " not reachable as client " + config.clientId() + ": "
        + BrokerConnection.describe(cause), cause);
  }

  void subscribed(BrokerLink l, int[] reasonCodes) {
    if (l != link) {
      return;
    }
    for (int code : reasonCodes) {
      if (code >= 0x80) {
        leave(l, "the broker refused a subscription (reason code 0x" + Integer.toHexString(code)
            + "); check that client " + config.clientId() + " may subscribe to "
            + SparkplugTopics.NAMESPACE + "/" + config.groupId() + "/# and the STATE topic");
        return;
      }
    }
    if (config.primaryHostId() == null || host.isOnline(l.url)) {
      births(true);
    } else {
      phase = Phase.WAITING_FOR_HOST;
      LOG.info("Sparkplug edge node {} connected to {}; waiting for primary host {} to be online "
          + "(STATE online=true) before the births", name, l.url, config.primaryHostId());
    }
  }

  void message(BrokerLink l, String topic, byte[] payload) {
    if (l != link) {
      return;
    }
    if (topic.equals(topics.ncmd())) {
      if (phase == Phase.ONLINE && commands.rebirthRequested(l.url, payload)) {
        counters.rebirthRequests.increment();
        LOG.info("Sparkplug edge node {}: rebirth requested (NCMD); sending NBIRTH and DBIRTHs "
            + "again with bdSeq {}", name, l.bdSeq);
        births(false);
      }
    } else if (config.primaryHostId() != null
        && topic.equals(SparkplugTopics.state(config.primaryHostId()))) {
      hostState(l, payload);
    } else {
      commands.deviceCommand(l.url, topics.deviceOf(topic), payload);
    }
  }

  private void hostState(BrokerLink l, byte[] payload) {
    switch (host.receive(l.url, payload)) {
      case INVALID -> LOG.warn("Sparkplug edge node {}: STATE of primary host {} on {} is not "
          + "{{\"online\": true|false, \"timestamp\": <ms>}}; ignored", name,
          config.primaryHostId(), l.url);
      case STALE -> {
        counters.staleStates.increment();
        LOG.info("Sparkplug edge node {}: STATE of primary host {} on {} is older than the last "
            + "one seen (a replaced host session); ignored", name, config.primaryHostId(), l.url);
      }
      case ONLINE -> {
        if (phase == Phase.WAITING_FOR_HOST) {
          LOG.info("Sparkplug edge node {}: primary host {} is online on {}", name,
              config.primaryHostId(), l.url);
          births(true);
        }
      }
      case OFFLINE -> {
        if (phase == Phase.ONLINE) {
          leave(l, "primary host " + config.primaryHostId() + " is offline on " + l.url);
        } else {
          offlineBeforeBirth(l);
        }
      }
    }
  }

  /**
   * The primary host is offline on the broker of a connection without births: stay, or walk to
   * the next broker without a Will (see the class comment).
   */
  private void offlineBeforeBirth(BrokerLink l) {
    String why = "primary host " + config.primaryHostId() + " is offline on " + l.url;
    detail = "connected, waiting for primary host " + config.primaryHostId() + " (offline)";
    if (config.brokers().size() == 1) {
      LOG.info("Sparkplug edge node {}: {}; staying connected without births until its STATE "
          + "says online", name, why);
      return;
    }
    if (walking == l) {
      return;
    }
    Duration delay = reconnects.walk();
    String next = config.brokers().get(reconnects.index());
    if (delay.isZero()) {
      LOG.info("Sparkplug edge node {}: {}; disconnecting without births and trying {}", name,
          why, next);
      quit(l, why + "; trying " + next);
      loop.execute(this::connect);
      return;
    }
    walking = l;
    LOG.info("Sparkplug edge node {}: {}, as on every broker; waiting here without births, and "
        + "trying {} {}", name, why, next, Reconnects.humanize(delay));
    loop.schedule(() -> {
      if (link == l && phase != Phase.ONLINE && phase != Phase.CLOSED) {
        quit(l, why + "; trying " + next);
        connect();
      }
    }, delay.toMillis());
  }

  /** Ends a connection that has no NBIRTH: DISCONNECT 0x00, so no NDEATH for it. */
  private void quit(BrokerLink l, String reason) {
    detail = reason;
    endSession();
    l.disconnectAndClose(BrokerLink.DISCONNECT_NORMAL, DEATH_TIMEOUT_MS);
  }

  /** NBIRTH and the DBIRTH of every device whose PLC is connected; then historical DATA. */
  private void births(boolean newSession) {
    BrokerLink l = link;
    if (l == null) {
      return;
    }
    phase = Phase.ONLINE;
    out.nbirth(l.bdSeq);
    int born = devices.birthAll();
    if (newSession) {
      sessionBdSeq = l.bdSeq;
      online = true;
      onlineSinceNanos = System.nanoTime();
      reconnects.sessionStarted();
      counters.sessions.increment();
      LOG.info("Sparkplug edge node {} online on {}: NBIRTH with bdSeq {}, {} of {} devices born "
          + "at once, the others once their PLC reports ({} metrics)", name, l.url, l.bdSeq, born,
          model.devices().size(), model.metricCount());
      devices.replayBacklog();
    }
  }

  void linkChanged(String connection, LinkState state) {
    devices.linkChanged(connection, state);
  }

  void readings(List<Reading> batch) {
    devices.readings(batch);
  }

  void lost(BrokerLink l, String reason) {
    if (l != link) {
      return;
    }
    boolean wasOnline = phase == Phase.ONLINE;
    endSession();
    l.close();
    Duration hold = connection.holdOff();
    if (!hold.isZero()) {
      // Another client with this id took the session over: not at once, or forever.
      detail = "connection to " + l.url + " lost (" + reason + ")";
      String line = connection.lost(l.url, reason, "");
      if (line != null) {
        LOG.warn(line);
      }
      loop.schedule(this::connect, hold.toMillis());
    } else if (wasOnline && System.nanoTime() - onlineSinceNanos > SHORT_SESSION_NANOS) {
      LOG.warn("Sparkplug edge node {}: connection to {} lost ({}); the broker publishes its "
          + "NDEATH (bdSeq {}). Reconnecting at once with bdSeq {}.", name, l.url, reason,
          l.bdSeq, (l.bdSeq + 1) & 0xFF);
      loop.execute(this::connect);
    } else {
      retry("connection to " + l.url + " lost (" + reason + ")", null);
    }
  }

  /**
   * Publishes NDEATH when born and disconnects (the broker then also sends the Will); without an
   * NBIRTH it disconnects so that the broker discards the Will. Then walks on.
   */
  private void leave(BrokerLink l, String reason) {
    boolean wasOnline = phase == Phase.ONLINE;
    if (wasOnline) {
      l.publishAndWait(topics.ndeath(), payloads.ndeath(l.bdSeq, new Date()), DEATH_TIMEOUT_MS);
    }
    endSession();
    l.disconnectAndClose(wasOnline ? BrokerLink.DISCONNECT_WITH_WILL
        : BrokerLink.DISCONNECT_NORMAL, DEATH_TIMEOUT_MS);
    retry(reason + (wasOnline ? "; NDEATH published and disconnected" : "; disconnected"), null);
  }

  private void retry(String reason, @Nullable Throwable cause) {
    detail = reason;
    Duration delay = connection.afterRefusal(reconnects.walk(), cause);
    String next = config.brokers().get(reconnects.index());
    String line = connection.throttle(reason, "MQTT Sparkplug connection of edge node " + name
        + ": " + reason + "; next attempt at " + next + " " + Reconnects.humanize(delay) + ". "
        + (cause != null ? connection.advice(cause)
            : "Check that the broker runs and the node's permissions."));
    if (line != null) {
      LOG.warn(line);
    }
    loop.schedule(this::connect, delay.toMillis());
  }

  private void endSession() {
    link = null;
    walking = null;
    out.end();
    if (online) {
      counters.nodeDeaths.increment();
    }
    online = false;
    if (phase != Phase.CLOSED) {
      phase = Phase.IDLE;
    }
    devices.sessionEnded();
  }

  /**
   * Clean shutdown: NDEATH, then DISCONNECT (with the Will reason), bounded; without an NBIRTH a
   * DISCONNECT that discards the Will.
   */
  void close() {
    BrokerLink l = link;
    boolean wasOnline = phase == Phase.ONLINE;
    phase = Phase.CLOSED;
    if (l != null) {
      boolean published = wasOnline && l.isConnected()
          && l.publishAndWait(topics.ndeath(), payloads.ndeath(l.bdSeq, new Date()),
              DEATH_TIMEOUT_MS);
      endSession();
      l.disconnectAndClose(wasOnline ? BrokerLink.DISCONNECT_WITH_WILL
          : BrokerLink.DISCONNECT_NORMAL, DEATH_TIMEOUT_MS);
      LOG.info("Sparkplug edge node {} stopped: {}disconnected from {}", name,
          published ? "NDEATH published, " : "", l.url);
    }
  }
}
