package io.floorgate.mqtt;

import io.floorgate.buffer.BufferedReading;
import io.floorgate.buffer.DiskBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The live end of the buffer, read once for every telemetry connection: whichever sender needs
 * readings reads the next entries and hands each connection its {@link Lanes.Share} of them, in
 * order. With {@code mqtt.connections} N the buffer is read once instead of N times.
 *
 * <p>A connection that does not take its readings (its broker is slow, or it is gone and the loss
 * not noticed yet) holds at most {@value #MAX_QUEUED} of them here; beyond that it falls behind and
 * no longer holds the others back: it reads its own share of the entries it missed (as every
 * connection did before) until it has caught up with the shared reader. Either way each reading
 * reaches its connection once, in order.
 *
 * <p>Readings up to a connection's cut ({@link #reset}) are its backlog, which {@link Lanes}
 * replays itself. All methods hold the lock the senders of the buffer share.
 */
final class LiveFeed {

  /** Readings a connection may hold before it falls behind. */
  static final int MAX_QUEUED = 4096;
  /** Readings read from the buffer at a time (whole entries, so sometimes more). */
  static final int BATCH = 256;

  private final DiskBuffer buffer;
  private final Object lock;
  private final int count;
  /** The newest entry the shared reader has read. */
  private long read;
  /** Per connection: readings read for it and not yet taken. */
  private final List<ArrayDeque<BufferedReading>> queued;
  /** Per connection: every reading of its share up to this entry is queued, taken or backlog. */
  private final long[] upTo;
  /** Scratch of {@link #deal}: which connections take the entry at hand. */
  private final boolean[] taking;

  LiveFeed(DiskBuffer buffer, int count, Object lock) {
    this.buffer = buffer;
    this.count = count;
    this.lock = lock;
    this.queued = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      queued.add(new ArrayDeque<>());
    }
    this.upTo = new long[count];
    this.taking = new boolean[count];
    synchronized (lock) {
      this.read = buffer.lastSeq();
      Arrays.fill(upTo, read);
    }
  }

  /** A feed for one connection alone, with a lock of its own. */
  static LiveFeed single(DiskBuffer buffer) {
    return new LiveFeed(buffer, 1, new Object());
  }

  int count() {
    return count;
  }

  /** Connection {@code share} starts over: what lies up to {@code cut} is its backlog. */
  void reset(int share, long cut) {
    synchronized (lock) {
      queued.get(share).clear();
      upTo[share] = cut;
    }
  }

  /**
   * Moves the next readings of connection {@code share} into {@code out}, in order: those the
   * shared reader queued for it, else those it missed while it was behind, else the next entries
   * of the buffer, read for every connection.
   *
   * @return the entry up to which {@code share} has its readings; a wait for work waits for an
   *     entry newer than that
   */
  long take(int share, ArrayDeque<BufferedReading> out) {
    synchronized (lock) {
      ArrayDeque<BufferedReading> mine = queued.get(share);
      if (mine.isEmpty()) {
        if (upTo[share] < read) {
          catchUp(share, out);
          return upTo[share];
        }
        readNext();
      }
      out.addAll(mine);
      mine.clear();
      return upTo[share];
    }
  }

  /** Reads the connection's share of the entries it missed, up to the shared reader. */
  private void catchUp(int share, ArrayDeque<BufferedReading> out) {
    List<BufferedReading> entries = buffer.read(upTo[share], read, BATCH);
    for (BufferedReading r : entries) {
      if (shareOf(r) == share) {
        out.add(r);
      }
    }
    upTo[share] = entries.isEmpty() ? read : entries.get(entries.size() - 1).seq();
  }

  /** Reads the next entries for every connection that is caught up and has room. */
  private void readNext() {
    List<BufferedReading> entries = buffer.read(read, Long.MAX_VALUE, BATCH);
    long previous = read;
    int from = 0;
    while (from < entries.size()) {
      long seq = entries.get(from).seq();
      int to = from;
      while (to < entries.size() && entries.get(to).seq() == seq) {
        to++;
      }
      deal(entries.subList(from, to), previous, seq);
      previous = seq;
      from = to;
    }
    read = previous;
  }

  /** Hands out one entry's readings; whole entries only, so a connection is never split in one. */
  private void deal(List<BufferedReading> entry, long previous, long seq) {
    for (int s = 0; s < count; s++) {
      // Only a connection caught up with the entry before takes this one: one behind reads it
      // itself later, one whose cut lies at or beyond it has it in its backlog.
      taking[s] = upTo[s] == previous && queued.get(s).size() < MAX_QUEUED;
      if (taking[s]) {
        upTo[s] = seq;
      }
    }
    for (BufferedReading r : entry) {
      int s = shareOf(r);
      if (taking[s]) {
        queued.get(s).add(r);
      }
    }
  }

  private int shareOf(BufferedReading r) {
    return count == 1 ? 0 : Math.floorMod(r.reading().path().hashCode(), count);
  }
}
