package io.floorgate.ops;

import io.floorgate.driver.LinkState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * What the operator needs to know about each PLC connection: state, when it last
 * changed, reconnects and samples received. Fed from the drivers' threads (never blocks: a map
 * lookup and an adder) and read by metrics, health and the status page.
 */
public final class LinkBook {

  /** One PLC connection as seen so far. */
  public static final class Link {
    private final String name;
    private volatile LinkState state = LinkState.CONNECTING;
    private volatile Instant since;
    private volatile String detail = "";
    private volatile long lastSampleNanos;
    private volatile boolean everConnected;
    final LongAdder reconnects = new LongAdder();
    final LongAdder samples = new LongAdder();

    Link(String name, Instant since) {
      this.name = name;
      this.since = since;
    }

    public String name() {
      return name;
    }

    public LinkState state() {
      return state;
    }

    public Instant since() {
      return since;
    }

    public String detail() {
      return detail;
    }

    public long samples() {
      return samples.sum();
    }

    public long reconnects() {
      return reconnects.sum();
    }

    /** Seconds since the last sample or state change that proves the link alive; 0 before any. */
    double lastSampleAgeSeconds() {
      long last = lastSampleNanos;
      return last == 0 ? 0 : (System.nanoTime() - last) / 1e9;
    }
  }

  private final Clock clock;
  private final Map<String, Link> links = new ConcurrentHashMap<>();

  public LinkBook(Clock clock) {
    this.clock = clock;
  }

  /** Makes a connection known (state CONNECTING) before its driver reports anything. */
  public void register(String connection) {
    links.computeIfAbsent(connection, n -> new Link(n, clock.instant()));
  }

  /** Forgets a connection removed from the configuration. */
  public void remove(String connection) {
    links.remove(connection);
  }

  /** A driver reported a state change; a CONNECTED after the first one counts as a reconnect. */
  public void linkChanged(String connection, LinkState state, String detail) {
    Link link = links.computeIfAbsent(connection, n -> new Link(n, clock.instant()));
    if (state == LinkState.CONNECTED) {
      if (link.everConnected) {
        link.reconnects.increment();
      }
      link.everConnected = true;
      link.lastSampleNanos = System.nanoTime();
    }
    if (link.state != state) {
      link.since = clock.instant();
    }
    link.state = state;
    link.detail = detail;
  }

  /** A sample arrived from this connection. */
  public void sample(String connection) {
    Link link = links.get(connection);
    if (link != null) {
      link.samples.increment();
      link.lastSampleNanos = System.nanoTime();
    }
  }

  public @Nullable Link link(String connection) {
    return links.get(connection);
  }

  /** Every known connection, sorted by name. */
  public List<Link> links() {
    List<Link> all = new ArrayList<>(links.values());
    all.sort(java.util.Comparator.comparing(Link::name));
    return all;
  }
}
