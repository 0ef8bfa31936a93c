package io.floorgate.buffer;

import io.floorgate.config.BufferConfig;
import io.floorgate.reading.Reading;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store-and-forward queue: readings on disk, in the order they were appended, until the broker
 * has acknowledged them.
 *
 * <p>One thread appends ({@link #append}, from the pipeline); one sender reads from any point
 * ({@link #read}) and gives back what the broker acknowledged ({@link #acknowledge}, safe on
 * Paho's threads: it only queues the reading); {@link #maintain} applies those removals and drops
 * what is older than {@code maxAge}. Readings appended together share one entry (one write, one
 * sequence number, up to {@value #MAX_ENTRY_READINGS} readings), which is what lets the queue
 * keep up with tens of thousands of readings a second; an entry leaves the queue when every one
 * of its readings is acknowledged, and a reading already acknowledged is not read again. Appends are committed by MVStore's writer every
 * {@value StoreFile#COMMIT_DELAY_MILLIS} ms, so a {@code kill -9} loses at most the readings of
 * that last moment; what was committed is read again at the next {@link #open}.
 *
 * <p>Bounded by {@code maxBytes} of serialized readings: when full, the oldest (or, configured,
 * the newest) reading gives way, counted in {@link #droppedFull()} and logged at most once a
 * minute. A disk that fails while running is logged as an error; readings are then dropped and
 * counted in {@link #droppedUnwritable()}, and the gateway keeps publishing nothing stale.
 */
public final class DiskBuffer implements AutoCloseable {

  /** Counted toward {@code maxBytes} besides each entry's bytes: its key and page slot. */
  static final int ENTRY_OVERHEAD = 16;
  /** The most readings one entry holds; larger appends are split. */
  public static final int MAX_ENTRY_READINGS = 256;
  private static final long EXPIRY_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final int MAX_EXPIRED_PER_CHECK = 100_000;

  private static final Logger LOG = LoggerFactory.getLogger(DiskBuffer.class);

  private final BufferConfig config;
  private final Clock clock;
  private final Path file;
  private final AtomicReference<@Nullable Throwable> writeFailure = new AtomicReference<>();
  private final MVStore store;
  private final MVMap<Long, byte[]> map;
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong readings = new AtomicLong();
  private final ConcurrentLinkedQueue<BufferedReading> acknowledged = new ConcurrentLinkedQueue<>();
  /**
   * Entries of several readings, some acknowledged: which. The reading thread sets the bits; an
   * append that makes room may remove an entry.
   */
  private final Map<Long, BitSet> partlyAcknowledged = new ConcurrentHashMap<>();
  private final ReadingCodec.Encoder encoder = new ReadingCodec.Encoder();
  private final ReadingCodec.Decoder decoder = new ReadingCodec.Decoder();
  private final DropReport full;
  private final DropReport expired;
  private final DropReport unwritable;
  private final AppendSignal signal = new AppendSignal();
  private volatile long lastSeq;
  private long nextExpiryCheck = System.nanoTime();
  private volatile boolean closed;
  /** MVStore reports open failures to its handler too; those are thrown, not logged as ours. */
  private volatile boolean opened;

  private DiskBuffer(BufferConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.file = config.directory().resolve(StoreFile.FILE_NAME);
    StoreFile.Opened opened = config.enabled()
        ? StoreFile.open(config.directory(), clock, this::failed)
        : StoreFile.inMemory(this::failed);
    this.store = opened.store();
    this.map = opened.map();
    this.bytes.set(opened.bytes());
    this.readings.set(opened.readings());
    Long last = map.lastKey();
    this.lastSeq = last == null ? 0 : last;
    String limit = config.maxBytes() / 1_000_000 + " MB";
    this.full = new DropReport("the buffer holds buffer.maxBytes (" + limit + ") and whenFull is "
        + config.whenFull().yamlName(), "Restore the broker connection, or raise buffer.maxBytes"
        + " if the disk allows.");
    this.expired = new DropReport("they were queued longer than buffer.maxAge ("
        + config.maxAge() + ")", "Restore the broker connection, or raise buffer.maxAge.");
    this.unwritable = new DropReport("the buffer file " + file + " cannot be written",
        "Free space on that disk (or fix it) and restart the gateway.");
    this.opened = true;
  }

  /**
   * Opens the queue in {@code config.directory()}, creating it if needed; what an earlier run left
   * queued is there to be read. A file that cannot be read is moved aside (logged as an error)
   * and a fresh one begins.
   *
   * @throws BufferException when the directory cannot be created or written, the disk is full, or
   *     another process holds the file
   */
  public static DiskBuffer open(BufferConfig config, Clock clock) {
    DiskBuffer buffer = new DiskBuffer(config, clock);
    long size = buffer.size();
    if (!config.enabled()) {
      LOG.warn("Store-and-forward is off (buffer.enabled: false): readings wait in memory only,"
          + " up to {} MB, while the broker is away, and a restart loses them",
          config.maxBytes() / 1_000_000);
    } else if (size > 0) {
      LOG.info("Store-and-forward buffer {}: {} readings ({} kB) queued by an earlier run, sent"
          + " after the live data once the broker is reachable", buffer.file, size,
          buffer.bytes() / 1000);
    } else {
      LOG.info("Store-and-forward buffer {}: empty, up to {} MB, readings kept at most {}",
          buffer.file, config.maxBytes() / 1_000_000, config.maxAge());
    }
    return buffer;
  }

  public static DiskBuffer open(BufferConfig config) {
    return open(config, Clock.systemUTC());
  }

  /**
   * Queues a reading as an entry of its own. Never waits for the disk: MVStore's writer commits
   * in the background. Called from one thread (the pipeline's); the sequence numbers follow the
   * calls.
   */
  public void append(Reading reading) {
    append(List.of(reading));
  }

  /**
   * Queues readings together, in order: one entry (one sequence number) for each
   * {@value #MAX_ENTRY_READINGS}. Never waits for the disk. Called from one thread.
   */
  public synchronized void append(List<Reading> batch) {
    if (closed || batch.isEmpty()) {
      return;
    }
    for (int from = 0; from < batch.size(); from += MAX_ENTRY_READINGS) {
      List<Reading> part = batch.subList(from, Math.min(batch.size(), from + MAX_ENTRY_READINGS));
      if (!appendEntry(part)) {
        return;
      }
    }
    signal.appended();
  }

  /** Writes one entry; false when the disk failed (the rest is dropped and counted too). */
  private boolean appendEntry(List<Reading> part) {
    byte[] record = encoder.encode(part, clock.millis());
    long size = record.length + ENTRY_OVERHEAD;
    try {
      if (bytes.get() + size > config.maxBytes() && !makeRoom(size, part.size())) {
        return true;
      }
      long seq = lastSeq + 1;
      map.put(seq, record);
      bytes.addAndGet(size);
      readings.addAndGet(part.size());
      lastSeq = seq;
      return true;
    } catch (IllegalStateException e) {
      // MVStore refuses writes once its file failed (disk full, file removed): say so, go on.
      failed(e);
      unwritable.dropped(part.size(), "new");
      return false;
    }
  }

  private boolean makeRoom(long size, int count) {
    if (config.whenFull() == BufferConfig.WhenFull.DROP_NEWEST || size > config.maxBytes()) {
      full.dropped(count, "new");
      return false;
    }
    long dropped = 0;
    while (bytes.get() + size > config.maxBytes()) {
      Long head = map.firstKey();
      if (head == null) {
        break;
      }
      dropped += remove(head);
    }
    full.dropped(dropped, "oldest");
    return true;
  }

  /** Removes an entry; returns how many readings it held (0 when it was gone already). */
  private int remove(long seq) {
    byte[] old = map.remove(seq);
    if (old == null) {
      return 0;
    }
    BitSet acked = partlyAcknowledged.remove(seq);
    int count = ReadingCodec.count(old);
    bytes.addAndGet(-(old.length + ENTRY_OVERHEAD));
    readings.addAndGet(-count);
    return acked == null ? count : count - acked.cardinality();
  }

  /**
   * The readings of entries with {@code after < seq <= upTo}, in order, whole entries only, until
   * at least {@code max} readings are out. Readings dropped or acknowledged meanwhile are
   * skipped; an entry that does not decode is dropped and logged. Called from the one thread
   * that also calls {@link #maintain}.
   */
  public List<BufferedReading> read(long after, long upTo, int max) {
    List<BufferedReading> out = new ArrayList<>(Math.min(max, 1024));
    if (after >= upTo || closed) {
      return out;
    }
    Cursor<Long, byte[]> cursor = map.cursor(after + 1, upTo, false);
    while (out.size() < max && cursor.hasNext()) {
      long seq = cursor.next();
      List<Reading> entry;
      try {
        entry = decoder.decode(cursor.getValue());
      } catch (IllegalArgumentException e) {
        LOG.error("Store-and-forward: queue entry {} in {} cannot be read ({}); dropped", seq,
            file, e.getMessage());
        drop(seq);
        continue;
      }
      BitSet acked = partlyAcknowledged.get(seq);
      for (int i = 0; i < entry.size(); i++) {
        if (acked == null || !acked.get(i)) {
          out.add(new BufferedReading(seq, i, entry.size(), entry.get(i)));
        }
      }
    }
    return out;
  }

  private void drop(long seq) {
    try {
      remove(seq);
    } catch (IllegalStateException e) {
      failed(e);
    }
  }

  /**
   * The broker has the reading: its entry leaves the queue at the next {@link #maintain} once
   * every reading of it is acknowledged. Any thread.
   */
  public void acknowledge(BufferedReading reading) {
    acknowledged.add(reading);
  }

  /** Applies acknowledgements and, once a second, drops what is older than {@code maxAge}. */
  public void maintain() {
    if (closed) {
      return;
    }
    try {
      for (BufferedReading r; (r = acknowledged.poll()) != null; ) {
        settle(r);
      }
      long now = System.nanoTime();
      if (now - nextExpiryCheck >= 0) {
        nextExpiryCheck = now + EXPIRY_CHECK_NANOS;
        expire();
      }
    } catch (IllegalStateException e) {
      failed(e);
    }
  }

  private void settle(BufferedReading r) {
    if (r.entrySize() == 1) {
      remove(r.seq());
      return;
    }
    if (!map.containsKey(r.seq())) {
      partlyAcknowledged.remove(r.seq());
      return;
    }
    BitSet acked = partlyAcknowledged.computeIfAbsent(r.seq(), seq -> new BitSet(r.entrySize()));
    acked.set(r.index());
    if (acked.cardinality() == r.entrySize()) {
      remove(r.seq());
    }
  }

  private void expire() {
    long oldest = clock.millis() - config.maxAge().toMillis();
    long dropped = 0;
    Cursor<Long, byte[]> cursor = map.cursor(null);
    while (dropped < MAX_EXPIRED_PER_CHECK && cursor.hasNext()) {
      long seq = cursor.next();
      if (ReadingCodec.queuedAt(cursor.getValue()) >= oldest) {
        break;
      }
      dropped += remove(seq);
    }
    expired.dropped(dropped, "oldest");
  }

  /**
   * Waits until a reading after {@code seq} is queued, at most {@code timeout}.
   *
   * @return whether there is one
   */
  public boolean awaitAppended(long seq, long timeout, TimeUnit unit) throws InterruptedException {
    return !closed && signal.await(() -> lastSeq, seq, timeout, unit);
  }

  /** The newest entry's sequence number (0 before the first). */
  public long lastSeq() {
    return lastSeq;
  }

  /** The oldest queued entry's sequence number, or {@link #lastSeq()} when empty. */
  public long firstSeq() {
    Long first = map.firstKey();
    return first == null ? lastSeq : first;
  }

  /** When the oldest entry was queued (epoch ms), -1 when empty. Any thread. */
  public long oldestQueuedAt() {
    Long first = map.firstKey();
    byte[] record = first == null ? null : map.get(first);
    return record == null ? -1 : ReadingCodec.queuedAt(record);
  }

  /**
   * Readings queued, including those sent but not yet acknowledged (and those acknowledged
   * whose entry still waits for the rest).
   */
  public long size() {
    return readings.get();
  }

  /** Bytes queued, as counted against {@code maxBytes}. */
  public long bytes() {
    return bytes.get();
  }

  /** Readings that gave way because the buffer was full. */
  public long droppedFull() {
    return full.total();
  }

  /** Readings dropped for being older than {@code maxAge}. */
  public long droppedExpired() {
    return expired.total();
  }

  /** Readings lost because the disk could not be written. */
  public long droppedUnwritable() {
    return unwritable.total();
  }

  /** Every reading the buffer gave up, for whatever reason. */
  public long dropped() {
    return droppedFull() + droppedExpired() + droppedUnwritable();
  }

  /** The queue file; with {@code buffer.enabled: false} it names where the file would be. */
  public Path file() {
    return file;
  }

  /** Whether readings are kept on disk (false: in memory only). */
  public boolean onDisk() {
    return config.enabled();
  }

  /** Commits now, beyond MVStore's own commits; for shutdown and tests. */
  public void flush() {
    if (!closed && writeFailure.get() == null) {
      store.commit();
    }
  }

  private void failed(Throwable e) {
    if (opened && writeFailure.compareAndSet(null, e)) {
      LOG.error("Store-and-forward buffer {} cannot be written any more ({}): new readings are"
          + " dropped and counted. Free space on that disk or fix it, then restart the gateway;"
          + " what was committed before is sent after the restart.", file,
          StoreFile.rootCause(e));
    }
  }

  /** Commits what is queued and closes the file; what is still in it is sent after a restart. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long left = size();
    try {
      store.close();
    } catch (IllegalStateException e) {
      LOG.error("Store-and-forward buffer {} did not close cleanly ({}); the next start reads"
          + " what was committed", file, StoreFile.rootCause(e));
      store.closeImmediately();
    }
    if (left > 0 && !config.enabled()) {
      LOG.warn("{} readings were still queued in memory and are lost (buffer.enabled: false)",
          left);
    } else if (left > 0) {
      LOG.info("Store-and-forward buffer {} closed with {} readings queued; they are sent after"
          + " the next start", file, left);
    }
  }
}
