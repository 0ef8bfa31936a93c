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
import org.h2.mvstore.MVStoreException;
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
 * minute.
 *
 * <p>A file that cannot be written while running (disk full, I/O error) does not stop the queue:
 * it goes on in memory, up to {@value #MEMORY_MAX_BYTES} bytes, the oldest giving way beyond that,
 * counted in {@link #droppedUnwritable()}; live readings keep flowing. Every
 * {@value #RETRY_SECONDS} s it opens the file again, and once a write commits, what waited in
 * memory moves to the file and what the file had committed before is read again. Readings that
 * had not been committed when the disk failed are lost and counted too.
 */
public final class DiskBuffer implements AutoCloseable {

  /** Counted toward {@code maxBytes} besides each entry's bytes: its key and page slot. */
  static final int ENTRY_OVERHEAD = 16;
  /** The most readings one entry holds; larger appends are split. */
  public static final int MAX_ENTRY_READINGS = 256;
  private static final long EXPIRY_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final int MAX_EXPIRED_PER_CHECK = 100_000;
  /** How much waits in memory while the file cannot be written. */
  static final long MEMORY_MAX_BYTES = 64L * 1024 * 1024;
  /** How often the file is tried again while it cannot be written. */
  static final int RETRY_SECONDS = 10;

  private static final Logger LOG = LoggerFactory.getLogger(DiskBuffer.class);

  private final BufferConfig config;
  private final Clock clock;
  private final Path file;
  private final AtomicReference<@Nullable Throwable> writeFailure = new AtomicReference<>();
  /** The file's store, or a store in memory while the file cannot be written. */
  private volatile MVStore store;
  private volatile MVMap<Long, byte[]> map;
  /** Set while the file cannot be written; appends then go to memory. */
  private volatile @Nullable Degraded degraded;
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
  private final AtomicLong restored = new AtomicLong();
  /** Readings found damaged in the file, about: at open, and entries that failed their check. */
  private final AtomicLong damaged = new AtomicLong();
  private @Nullable QueueMark lastMark;
  private volatile long restoredUpTo;
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
    this.damaged.set(Math.max(0, opened.damaged()));
    Long last = map.lastKey();
    this.lastSeq = last == null ? 0 : last;
    String limit = config.maxBytes() / 1_000_000 + " MB";
    this.full = new DropReport("the buffer holds buffer.maxBytes (" + limit + ") and whenFull is "
        + config.whenFull().yamlName(), "Restore the broker connection, or raise buffer.maxBytes"
        + " if the disk allows.");
    this.expired = new DropReport("they were queued longer than buffer.maxAge ("
        + config.maxAge() + ")", "Restore the broker connection, or raise buffer.maxAge.");
    this.unwritable = new DropReport("the buffer file " + file + " cannot be written",
        "Free space on " + fileSystem() + "; the file is tried again every " + RETRY_SECONDS
        + " s.");
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
    Throwable failure = writeFailure.get();
    if (failure != null && degraded == null) {
      degrade(failure);
    }
    for (int from = 0; from < batch.size(); from += MAX_ENTRY_READINGS) {
      List<Reading> part = batch.subList(from, Math.min(batch.size(), from + MAX_ENTRY_READINGS));
      if (!appendEntry(part)) {
        return;
      }
    }
    signal.appended();
  }

  /** Writes one entry; false when even memory refused it (the rest is dropped and counted). */
  private boolean appendEntry(List<Reading> part) {
    byte[] record = encoder.encode(part, clock.millis());
    try {
      put(record, part.size());
      return true;
    } catch (MVStoreException | IllegalStateException e) {
      // MVStore refuses writes once its file failed (disk full, file removed): go on in memory.
      if (degraded != null) {
        failed(e);
        unwritable.dropped(part.size(), "new");
        return false;
      }
      degrade(e);
      return appendEntry(part);
    }
  }

  private void put(byte[] record, int count) {
    long size = record.length + ENTRY_OVERHEAD;
    if (bytes.get() + size > capacity() && !makeRoom(size, count)) {
      return;
    }
    long seq = lastSeq + 1;
    map.put(seq, record);
    bytes.addAndGet(size);
    readings.addAndGet(count);
    lastSeq = seq;
  }

  private long capacity() {
    return degraded == null ? config.maxBytes() : Math.min(config.maxBytes(), MEMORY_MAX_BYTES);
  }

  private boolean makeRoom(long size, int count) {
    // In memory for want of a disk, the oldest give way whatever whenFull says.
    boolean inMemory = degraded != null;
    DropReport report = inMemory ? unwritable : full;
    if (!inMemory && config.whenFull() == BufferConfig.WhenFull.DROP_NEWEST
        || size > capacity()) {
      report.dropped(count, "new");
      return false;
    }
    long dropped = 0;
    while (bytes.get() + size > capacity()) {
      Long head = map.firstKey();
      if (head == null) {
        break;
      }
      dropped += remove(head);
    }
    report.dropped(dropped, "oldest");
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
    try {
      readInto(out, after, upTo, max);
    } catch (MVStoreException | IllegalStateException e) {
      // The file failed under the cursor: what was read goes out, the rest after the switch.
      failed(e);
    }
    return out;
  }

  private void readInto(List<BufferedReading> out, long after, long upTo, int max) {
    Cursor<Long, byte[]> cursor = map.cursor(after + 1, upTo, false);
    while (out.size() < max && cursor.hasNext()) {
      long seq = cursor.next();
      List<Reading> entry;
      try {
        entry = decoder.decode(cursor.getValue());
      } catch (IllegalArgumentException e) {
        LOG.error("Store-and-forward: queue entry {} in {} cannot be read ({}); dropped", seq,
            file, e.getMessage());
        damaged.incrementAndGet();
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
  }

  private void drop(long seq) {
    try {
      remove(seq);
    } catch (MVStoreException | IllegalStateException e) {
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

  /**
   * Applies acknowledgements and, once a second, drops what is older than {@code maxAge}; while
   * the file cannot be written, tries it again every {@value #RETRY_SECONDS} s.
   */
  public void maintain() {
    if (closed) {
      return;
    }
    Degraded d = degraded;
    if (d != null && clock.millis() >= d.nextRetry()) {
      retryFile();
    } else if (d == null && writeFailure.get() != null) {
      degradeNow();
    }
    try {
      for (BufferedReading r; (r = acknowledged.poll()) != null; ) {
        settle(r);
      }
      long now = System.nanoTime();
      if (now - nextExpiryCheck >= 0) {
        nextExpiryCheck = now + EXPIRY_CHECK_NANOS;
        expire();
        mark();
      }
    } catch (MVStoreException | IllegalStateException e) {
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
    try {
      Long first = map.firstKey();
      return first == null ? lastSeq : first;
    } catch (MVStoreException | IllegalStateException e) {
      return lastSeq; // the file failed a moment ago; the queue goes on in memory
    }
  }

  /** When the oldest entry was queued (epoch ms), -1 when empty. Any thread. */
  public long oldestQueuedAt() {
    try {
      Long first = map.firstKey();
      byte[] record = first == null ? null : map.get(first);
      return record == null ? -1 : ReadingCodec.queuedAt(record);
    } catch (MVStoreException | IllegalStateException e) {
      return -1;
    }
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

  /**
   * Commits and notes what the file holds beside it, when that changed: the next start tells
   * from it whether the file lost its newest entries.
   */
  private void mark() {
    if (!config.enabled() || degraded != null || writeFailure.get() != null) {
      return;
    }
    long last = lastSeq;
    long queued = readings.get();
    QueueMark previous = lastMark;
    if (previous != null && previous.lastSeq() == last && previous.readings() == queued) {
      return;
    }
    store.commit();
    QueueMark mark = new QueueMark(store.getCurrentVersion(), firstSeq(), last, queued);
    try {
      mark.write(file);
      lastMark = mark;
    } catch (java.io.IOException e) {
      // A full disk is reported by the store itself; the next start then checks less.
    }
  }

  /** About how many readings were found damaged and left out, since open. */
  public long damaged() {
    return damaged.get();
  }

  /** Whether the file cannot be written and the queue is in memory. */
  public boolean inMemoryForWantOfDisk() {
    return degraded != null;
  }

  /** Commits now, beyond MVStore's own commits; for shutdown and tests. */
  public void flush() {
    if (!closed && writeFailure.get() == null && degraded == null) {
      try {
        store.commit();
      } catch (MVStoreException | IllegalStateException e) {
        failed(e);
      }
    }
  }

  /** Notes a write failure (any thread); the next append or maintenance goes to memory. */
  private void failed(Throwable e) {
    if (opened && config.enabled()) {
      writeFailure.compareAndSet(null, e);
    }
  }

  private synchronized void degradeNow() {
    Throwable failure = writeFailure.get();
    if (failure != null && degraded == null) {
      degrade(failure);
    }
  }

  /**
   * The file failed: the queue goes on in memory. What the file had committed stays in it and is
   * read again once it can be written; the count at this moment says later how much was lost.
   */
  private void degrade(Throwable cause) {
    writeFailure.compareAndSet(null, cause);
    long queued = readings.get();
    MVStore failedStore = store;
    StoreFile.Opened memory = StoreFile.inMemory(e -> { });
    map = memory.map();
    store = memory.store();
    bytes.set(0);
    readings.set(0);
    partlyAcknowledged.clear();
    degraded = new Degraded(lastSeq, queued, clock.millis() + RETRY_SECONDS * 1000L);
    try {
      failedStore.closeImmediately();
    } catch (RuntimeException e) {
      // Closing a store that failed may fail again; the file is closed either way.
    }
    LOG.error("Store-and-forward buffer {} cannot be written ({}): free space on {}; readings are"
        + " kept in memory up to {} and then dropped oldest-first and counted"
        + " (floorgate_buffer_drops_total{reason=\"unwritable\"}). The file is tried again every"
        + " {} s; the {} readings it held are sent once it is writable again.", file,
        StoreFile.rootCause(cause), fileSystem(), capacity() >= 1024 * 1024
            ? capacity() / (1024 * 1024) + " MB" : capacity() / 1024 + " kB", RETRY_SECONDS,
        queued);
  }

  /** Opens the file again; on a commit that succeeds, memory moves to it. */
  private synchronized void retryFile() {
    Degraded d = degraded;
    if (d == null || closed) {
      return;
    }
    StoreFile.Opened disk;
    try {
      disk = StoreFile.open(config.directory(), clock, this::failed);
    } catch (RuntimeException e) {
      degraded = d.later(clock.millis() + RETRY_SECONDS * 1000L);
      return;
    }
    writeFailure.set(null);
    try {
      StoreFile.copy(map, disk.map());
      disk.store().commit();
    } catch (MVStoreException | IllegalStateException e) {
      // Opened but still not writable: the disk is still full.
      disk.store().closeImmediately();
      writeFailure.set(e);
      degraded = d.later(clock.millis() + RETRY_SECONDS * 1000L);
      return;
    }
    long lost = Math.max(0, d.queuedAtFailure() - disk.readings());
    long inMemory = readings.get();
    MVStore memory = store;
    map = disk.map();
    store = disk.store();
    bytes.addAndGet(disk.bytes());
    readings.addAndGet(disk.readings());
    degraded = null;
    memory.closeImmediately();
    restoredUpTo = d.lastOnDisk();
    restored.incrementAndGet();
    unwritable.dropped(lost, "uncommitted");
    LOG.info("Store-and-forward buffer {}: disk queue writable again; {} readings moved from"
        + " memory to it, {} kept from before the failure are sent, {} that were not yet"
        + " committed when it failed are lost (counted)", file, inMemory, disk.readings(), lost);
  }

  /**
   * How many times the file came back after a failure: a reader that saw the count change reads
   * the entries up to {@link #restoredUpTo()} again, they were out of reach meanwhile.
   */
  public long restored() {
    return restored.get();
  }

  /** The newest entry the file held when it failed, before the last {@link #restored()}. */
  public long restoredUpTo() {
    return restoredUpTo;
  }

  private String fileSystem() {
    try {
      return java.nio.file.Files.getFileStore(config.directory()).toString();
    } catch (java.io.IOException | RuntimeException e) {
      return "the disk of " + config.directory();
    }
  }

  /**
   * The file failed after entry {@code lastOnDisk}, holding {@code queuedAtFailure} readings then;
   * next try at {@code nextRetry} (clock ms).
   */
  private record Degraded(long lastOnDisk, long queuedAtFailure, long nextRetry) {
    Degraded later(long next) {
      return new Degraded(lastOnDisk, queuedAtFailure, next);
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
    if (degraded != null) {
      LOG.warn("Store-and-forward buffer {} closed while it could not be written: the {} readings"
          + " waiting in memory are lost; what the file committed before is sent after the next"
          + " start", file, left);
      store.closeImmediately();
      return;
    }
    try {
      lastMark = null;
      mark();
      store.close();
    } catch (MVStoreException | IllegalStateException e) {
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
