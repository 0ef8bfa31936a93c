package io.floorgate.mqtt;

import io.floorgate.buffer.BufferedReading;
import io.floorgate.buffer.DiskBuffer;
import io.floorgate.reading.Reading;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the sender publishes next, per connection: live readings first, then the backlog.
 *
 * <p>At every connect the buffer is cut in two at its newest reading. What lies before the cut
 * (queued while there was no connection, or sent and never acknowledged) is the backlog; it is
 * replayed oldest first, in the room live data leaves in the in-flight window, and no faster than
 * {@code replayRate} per second when one is set. What is queued after the cut is live and goes
 * first, so a backlog of hours never delays the current values. Each lane keeps its order; a
 * subscriber tells replayed messages by their {@code historical} user property.
 *
 * <p>With several telemetry connections ({@code mqtt.connections}) each has lanes of its own over
 * the one buffer, and takes only the readings of its {@link Share}: the tags whose path hashes to
 * it. The live end is read once for all of them ({@link LiveFeed}); each reads its own backlog.
 * The buffer is read by one thread at a time ({@code bufferLock}, which the senders also hold to
 * maintain it).
 */
final class Lanes {

  /** One reading to publish, and whether it comes from the backlog. */
  record Next(BufferedReading item, boolean historical) {}

  /**
   * Connection {@code index} of {@code count}: the tags whose path hashes to it. A tag's readings
   * always go over the same connection, so they stay in order.
   */
  record Share(int index, int count) {
    static final Share ALL = new Share(0, 1);

    boolean takes(Reading reading) {
      return count == 1 || Math.floorMod(reading.path().hashCode(), count) == index;
    }
  }

  /** Readings read from the buffer at a time (whole entries, so sometimes more). */
  private static final int BATCH = LiveFeed.BATCH;
  private static final Logger LOG = LoggerFactory.getLogger(MqttPublisher.class);

  private final DiskBuffer buffer;
  private final Share share;
  private final LiveFeed feed;
  private final Object bufferLock;
  private final Pacer pacer;
  private final ArrayDeque<BufferedReading> live = new ArrayDeque<>();
  private final ArrayDeque<BufferedReading> backlog = new ArrayDeque<>();
  private long liveRead;
  private long backlogRead;
  private long backlogEnd;
  private long replayed;
  private long replayStart;
  private long restoresSeen;

  Lanes(DiskBuffer buffer, int replayRate) {
    this(buffer, replayRate, Share.ALL, LiveFeed.single(buffer), new Object());
  }

  /**
   * The lanes of one connection's {@code share} of the tags, its live readings from {@code feed};
   * {@code bufferLock} is the feed's lock too.
   */
  Lanes(DiskBuffer buffer, int replayRate, Share share, LiveFeed feed, Object bufferLock) {
    if (feed.count() != share.count()) {
      throw new IllegalArgumentException("a feed of " + feed.count() + " connections for share "
          + share);
    }
    this.buffer = buffer;
    this.share = share;
    this.feed = feed;
    this.bufferLock = bufferLock;
    this.pacer = new Pacer(replayRate);
  }

  /** Cuts the buffer for a new connection; returns how many readings the backlog holds. */
  long reset() {
    live.clear();
    backlog.clear();
    backlogEnd = buffer.lastSeq();
    liveRead = backlogEnd;
    feed.reset(share.index(), backlogEnd);
    long queued = buffer.size();
    backlogRead = queued == 0 ? backlogEnd : buffer.firstSeq() - 1;
    replayed = 0;
    replayStart = System.nanoTime();
    restoresSeen = buffer.restored();
    return queued;
  }

  /**
   * The buffer's file is back after a failure: what it held then was out of reach and is
   * replayed now, up to where the live lane took over.
   */
  private void rereadRestored() {
    long restores = buffer.restored();
    if (restores != restoresSeen) {
      restoresSeen = restores;
      backlog.clear();
      backlogRead = buffer.firstSeq() - 1;
      backlogEnd = Math.max(backlogEnd, Math.min(liveRead, buffer.restoredUpTo()));
    }
  }

  /** The next reading to publish, or null when there is none (or the backlog must wait). */
  @Nullable Next peek() {
    rereadRestored();
    // With a share of the tags, a batch read may hold none of them: read on while it moves.
    for (long before = -1; live.isEmpty() && liveRead != before; ) {
      before = liveRead;
      fillLive();
    }
    if (!live.isEmpty()) {
      return new Next(live.peek(), false);
    }
    if (backlogDone() || !pacer.ready()) {
      return null;
    }
    if (backlog.isEmpty()) {
      for (long before = -1; backlog.isEmpty() && backlogRead != before && backlogRead < backlogEnd; ) {
        before = backlogRead;
        fillBacklog(BATCH);
      }
      if (backlog.isEmpty()) {
        backlogRead = backlogEnd;
        if (replayed > 0) {
          LOG.info("MQTT replay of the backlog done: {} readings in {} ms", replayed,
              TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - replayStart));
        }
        return null;
      }
    }
    return new Next(backlog.peek(), true);
  }

  private void fillLive() {
    liveRead = feed.take(share.index(), live);
  }

  private void fillBacklog(int want) {
    for (BufferedReading r : read(backlogRead, backlogEnd, want)) {
      if (share.takes(r.reading())) {
        backlog.add(r);
      }
      backlogRead = r.seq();
    }
  }

  private List<BufferedReading> read(long after, long upTo, int want) {
    synchronized (bufferLock) {
      return buffer.read(after, upTo, want);
    }
  }

  /**
   * Up to {@code max} readings from the front of the lane {@code first} came from, all of the
   * same PLC connection as {@code first}, in order; not taken until {@link #taken(boolean, int)}.
   * Tops the lane up from the buffer when it holds fewer than {@code max}.
   */
  List<BufferedReading> run(Next first, int max) {
    ArrayDeque<BufferedReading> lane = first.historical() ? backlog : live;
    if (lane.size() < max) {
      if (first.historical()) {
        fillBacklog(max - lane.size());
      } else {
        for (long before = -1; lane.size() < max && liveRead != before; ) {
          before = liveRead;
          fillLive();
        }
      }
    }
    String connection = first.item().reading().connection();
    List<BufferedReading> run = new ArrayList<>(Math.min(max, lane.size()));
    for (Iterator<BufferedReading> it = lane.iterator(); it.hasNext() && run.size() < max; ) {
      BufferedReading r = it.next();
      if (!r.reading().connection().equals(connection)) {
        break;
      }
      run.add(r);
    }
    return run;
  }

  /** The reading {@link #peek()} gave was handed to the broker (or given up): move on. */
  void taken(Next next) {
    taken(next.historical(), 1);
  }

  /** The first {@code count} readings of a lane were handed to the broker (or given up). */
  void taken(boolean historical, int count) {
    ArrayDeque<BufferedReading> lane = historical ? backlog : live;
    for (int i = 0; i < count; i++) {
      lane.poll();
    }
    if (historical) {
      pacer.take(count);
      replayed += count;
    }
  }

  /** The newest reading the live lane has read; waiting for a newer one is waiting for work. */
  long liveRead() {
    return liveRead;
  }

  /** How long until the pace lets the next backlog reading go; 0 without a pace. */
  long nanosUntilReplay() {
    return backlogDone() ? Long.MAX_VALUE : pacer.nanosUntilReady();
  }

  private boolean backlogDone() {
    return backlog.isEmpty() && backlogRead >= backlogEnd;
  }

  /** A token bucket of {@code rate} per second, holding at most a tenth of a second's worth. */
  static final class Pacer {
    private final int rate;
    private final double burst;
    private double tokens;
    private long last = System.nanoTime();

    Pacer(int rate) {
      this.rate = rate;
      this.burst = Math.max(1, rate / 10.0);
      this.tokens = burst;
    }

    boolean ready() {
      if (rate == 0) {
        return true;
      }
      long now = System.nanoTime();
      tokens = Math.min(burst, tokens + (now - last) * rate / 1e9);
      last = now;
      return tokens >= 1;
    }

    /** Takes {@code n} tokens; a batch may take more than there are, and the next waits. */
    void take(int n) {
      if (rate > 0) {
        tokens -= n;
      }
    }

    long nanosUntilReady() {
      return rate == 0 || tokens >= 1 ? 0 : (long) ((1 - tokens) * 1e9 / rate);
    }
  }
}
