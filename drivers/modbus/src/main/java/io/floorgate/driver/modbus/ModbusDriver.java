package io.floorgate.driver.modbus;

import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.tcp.client.NettyTcpClientTransport;
import io.floorgate.driver.AcquisitionMode;
import io.floorgate.driver.Backoff;
import io.floorgate.driver.CauseThrottle;
import io.floorgate.driver.ConnectionSpec;
import io.floorgate.driver.Driver;
import io.floorgate.driver.LinkState;
import io.floorgate.driver.Sample;
import io.floorgate.driver.SourceType;
import io.floorgate.driver.SampleSink;
import io.floorgate.driver.Status;
import io.floorgate.driver.TagGroupSpec;
import io.floorgate.driver.TagSpec;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Modbus TCP device: connects (and reconnects with the shared {@link Backoff}, a new client
 * each time so nothing of a dead connection lingers), polls each group at its rate in as few
 * requests as the device allows ({@link PollingReader}), and hands every value or BAD status to
 * the gateway. When the link is lost polling stops; after {@code badAfterLinkLoss} without it,
 * every tag is reported BAD ({@code Bad_NoCommunication}), as the OPC UA driver does.
 *
 * <p>Everything that changes state runs on the driver's one thread; the library completes
 * requests on its own threads, which only hand over.
 */
final class ModbusDriver implements Driver {

  private static final Logger log = LoggerFactory.getLogger(ModbusDriver.class);
  private static final int DEFAULT_PORT = 502;
  private static final Status NO_COMMUNICATION = new Status(
      ModbusStatus.BAD_NO_COMMUNICATION.code(), ModbusStatus.BAD_NO_COMMUNICATION.statusName());

  private final ConnectionSpec spec;
  private final ModbusSettings settings;
  private final String host;
  private final int port;
  private final List<ReadGroup> groups;
  private final Map<String, ModbusTag> tags = new HashMap<>();
  private final Backoff backoff;
  private final ScheduledExecutorService loop;
  private final List<PollingReader> readers = new ArrayList<>();
  private volatile LinkState state = LinkState.CONNECTING;
  private volatile @Nullable ModbusTcpClient client;
  private @Nullable SampleSink sink;
  private @Nullable ScheduledFuture<?> badTimer;
  private int failures;
  private @Nullable String lastFailure;
  /** Connect failures and losses: once per cause, then counted, at most a line a minute. */
  private final CauseThrottle repeats = new CauseThrottle();

  ModbusDriver(ConnectionSpec spec) {
    this.spec = spec;
    this.settings = spec.settings() instanceof ModbusSettings s ? s : ModbusSettings.DEFAULTS;
    URI uri = URI.create(spec.endpointUrl());
    this.host = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
    this.port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
    this.groups = new ArrayList<>();
    for (TagGroupSpec g : spec.groups()) {
      List<ModbusTag> groupTags = new ArrayList<>();
      for (TagSpec t : g.tags()) {
        ModbusTag tag = TagText.parse(t.key(), t.nodeId());
        tags.put(t.key(), tag);
        groupTags.add(tag);
      }
      // Modbus has no subscriptions: a subscription group is polled at its publishing interval.
      Duration rate = g.mode() == AcquisitionMode.POLLING ? g.pollInterval()
          : g.publishingInterval();
      groups.add(new ReadGroup(g.name(), rate, groupTags));
    }
    this.backoff = new Backoff(spec.retryInitial(), spec.retryMax());
    this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "floorgate-modbus-" + spec.name());
      t.setDaemon(true);
      return t;
    });
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
    this.sink = sink;
    report(LinkState.CONNECTING, "connecting to " + where());
    post(this::connect);
  }

  private String where() {
    return ModbusDriverFactory.SCHEME + "://" + host + ":" + port;
  }

  private void connect() {
    if (state == LinkState.CLOSED) {
      return;
    }
    NettyTcpClientTransport transport = NettyTcpClientTransport.create(cfg -> {
      cfg.hostname = host;
      cfg.port = port;
      cfg.connectTimeout = settings.timeout().multipliedBy(3);
      // The driver reconnects itself, with the gateway's backoff and a log line per cause.
      cfg.connectPersistent = false;
    });
    ModbusTcpClient next = ModbusTcpClient.create(transport,
        cfg -> cfg.requestTimeout = settings.timeout());
    next.connectAsync().whenComplete((ok, error) -> post(() -> {
      if (error == null) {
        connected(next);
      } else {
        disconnect(next);
        connectFailed(error);
      }
    }));
  }

  private void connected(ModbusTcpClient next) {
    if (state == LinkState.CLOSED) {
      disconnect(next);
      return;
    }
    client = next;
    failures = 0;
    lastFailure = null;
    cancelBadTimer();
    report(LinkState.CONNECTED, "connected to " + where() + ", unit " + settings.unitId());
    for (ReadGroup group : groups) {
      PollingReader reader = new PollingReader(next, group, settings.limits(),
          settings.unitId());
      readers.add(reader);
      reader.start(loop, reads -> post(() -> deliver(next, reads)));
    }
  }

  private void connectFailed(Throwable error) {
    failures++;
    Duration delay = backoff.next(failures);
    Throwable cause = error.getCause() != null ? error.getCause() : error;
    String reason = "cannot connect to " + where() + ": " + cause;
    String detail = reason + "; next attempt in " + Backoff.humanize(delay);
    // One line per cause, not per attempt: a device that stays away logs once, then once a
    // minute with the count; it reports once.
    String line = repeats.admit(reason, "modbus connection '" + spec.name() + "': " + detail
        + ". Check that the device is on and the host, port and network path.");
    if (line != null) {
      log.warn(line);
    }
    if (!reason.equals(lastFailure)) {
      lastFailure = reason;
      report(state == LinkState.CONNECTING ? LinkState.CONNECTING : LinkState.DISCONNECTED,
          detail);
    }
    loop.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void deliver(ModbusTcpClient from, List<TagRead> reads) {
    if (from != client || state != LinkState.CONNECTED) {
      return;
    }
    if (!from.isConnected()) {
      linkLost(from, reads.isEmpty() ? "connection closed" : String.valueOf(reads.get(0).reason()));
      return;
    }
    SampleSink s = sink;
    if (s == null) {
      return;
    }
    Instant now = Instant.now();
    for (TagRead read : reads) {
      s.accept(new Sample(spec.name(), read.key(), widen(read.value()),
          new Status(read.status().code(), read.status().statusName()), null, null, now,
          read.reason(), sourceType(read.key())));
    }
  }

  private void linkLost(ModbusTcpClient from, String reason) {
    stopReaders();
    client = null;
    disconnect(from);
    report(LinkState.DISCONNECTED, "link lost (" + reason + "); reconnecting");
    String line = repeats.admit("lost: " + reason, "modbus connection '" + spec.name()
        + "': link to " + where() + " lost (" + reason + "); reconnecting, every tag BAD in "
        + Backoff.humanize(spec.badAfterLinkLoss()) + " unless it is back");
    if (line != null) {
      log.warn(line);
    }
    badTimer = loop.schedule(this::allBad, spec.badAfterLinkLoss().toMillis(),
        TimeUnit.MILLISECONDS);
    connect();
  }

  private void allBad() {
    SampleSink s = sink;
    if (s == null || state == LinkState.CONNECTED || state == LinkState.CLOSED) {
      return;
    }
    Instant now = Instant.now();
    for (String key : tags.keySet()) {
      s.accept(new Sample(spec.name(), key, null, NO_COMMUNICATION, null, null, now,
          "link to " + where() + " lost for " + Backoff.humanize(spec.badAfterLinkLoss()),
          sourceType(key)));
    }
  }

  private @Nullable SourceType sourceType(String key) {
    ModbusTag tag = tags.get(key);
    return tag == null ? null : tag.type().sourceType();
  }

  /** The SPI's types: Long for every integer, Double for every float. */
  static @Nullable Object widen(@Nullable Object value) {
    if (value instanceof Integer i) {
      return i.longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    return value;
  }

  @Override
  public CompletableFuture<Status> write(String tag, Object value) {
    ModbusTag target = tags.get(tag);
    ModbusTcpClient c = client;
    if (target == null) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(
          "connection '" + spec.name() + "' has no tag '" + tag + "'"));
    }
    if (c == null) {
      return CompletableFuture.failedFuture(new IllegalStateException(
          "connection '" + spec.name() + "' is not connected to " + where()));
    }
    return new TagWriter(c, settings.unitId(), settings.writeMultiple()).write(target, value)
        .thenApply(w -> new Status(w.status().code(), w.status().statusName()))
        .toCompletableFuture();
  }

  private void report(LinkState next, String detail) {
    state = next;
    SampleSink s = sink;
    if (s != null) {
      s.linkChanged(spec.name(), next, detail);
    }
  }

  private void stopReaders() {
    readers.forEach(PollingReader::close);
    readers.clear();
  }

  private void cancelBadTimer() {
    ScheduledFuture<?> t = badTimer;
    if (t != null) {
      t.cancel(false);
      badTimer = null;
    }
  }

  private static void disconnect(ModbusTcpClient c) {
    c.disconnectAsync();
  }

  private void post(Runnable task) {
    try {
      loop.execute(task);
    } catch (RejectedExecutionException e) {
      // Closed: nothing more to do.
    }
  }

  @Override
  public void close() {
    if (state == LinkState.CLOSED) {
      return;
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    post(() -> {
      stopReaders();
      cancelBadTimer();
      ModbusTcpClient c = client;
      client = null;
      report(LinkState.CLOSED, "closed");
      if (c != null) {
        c.disconnectAsync().whenComplete((ok, error) -> done.complete(null));
      } else {
        done.complete(null);
      }
    });
    try {
      done.get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.debug("modbus connection '{}' did not close within 2 s: {}", spec.name(), e.toString());
    }
    loop.shutdownNow();
  }
}
