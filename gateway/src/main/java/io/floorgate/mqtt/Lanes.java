package io.floorgate.mqtt;

import io.floorgate.buffer.BufferedReading;
import io.floorgate.buffer.DiskBuffer;
import java.util.ArrayDeque;
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
 */
final class Lanes {

  /** One reading to publish, and whether it comes from the backlog. */
  record Next(BufferedReading item, boolean historical) {}

  private static final int BATCH = 256;
  private static final Logger LOG = LoggerFactory.getLogger(MqttPublisher.class);

  private final DiskBuffer buffer;
  private final Pacer pacer;
  private final ArrayDeque<BufferedReading> live = new ArrayDeque<>();
  private final ArrayDeque<BufferedReading> backlog = new ArrayDeque<>();
  private long liveRead;
  private long backlogRead;
  private long backlogEnd;
  private long replayed;
  private long replayStart;

  Lanes(DiskBuffer buffer, int replayRate) {
    this.buffer = buffer;
    this.pacer = new Pacer(replayRate);
  }

  /** Cuts the buffer for a new connection; returns how many readings the backlog holds. */
  long reset() {
    live.clear();
    backlog.clear();
    backlogEnd = buffer.lastSeq();
    liveRead = backlogEnd;
    long queued = buffer.size();
    backlogRead = queued == 0 ? backlogEnd : buffer.firstSeq() - 1;
    replayed = 0;
    replayStart = System.nanoTime();
    return queued;
  }

  /** The next reading to publish, or null when there is none (or the backlog must wait). */
  @Nullable Next peek() {
    if (live.isEmpty()) {
      for (BufferedReading r : buffer.read(liveRead, Long.MAX_VALUE, BATCH)) {
        live.add(r);
        liveRead = r.seq();
      }
    }
    if (!live.isEmpty()) {
      return new Next(live.peek(), false);
    }
    if (backlogDone() || !pacer.ready()) {
      return null;
    }
    if (backlog.isEmpty()) {
      for (BufferedReading r : buffer.read(backlogRead, backlogEnd, BATCH)) {
        backlog.add(r);
        backlogRead = r.seq();
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

  /** The reading {@link #peek()} gave was handed to the broker (or given up): move on. */
  void taken(Next next) {
    if (next.historical()) {
      backlog.poll();
      pacer.take();
      replayed++;
    } else {
      live.poll();
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

    void take() {
      if (rate > 0) {
        tokens -= 1;
      }
    }

    long nanosUntilReady() {
      return rate == 0 || tokens >= 1 ? 0 : (long) ((1 - tokens) * 1e9 / rate);
    }
  }
}
