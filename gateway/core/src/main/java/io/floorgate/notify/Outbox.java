package io.floorgate.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.floorgate.alarm.AlarmJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifications waiting for their receivers, in an MVStore file: one map per receiver, keyed by
 * a rising sequence number, each entry a {@link Notice} as JSON. Every change is committed before
 * the call returns, so what was added survives a restart and a {@code kill -9}; what a receiver
 * accepted is removed. Bounded: beyond {@code maxEvents} per receiver the oldest is dropped, with
 * one log line per receiver and a counter.
 *
 * <p>Thread-safe: the dispatcher adds, each receiver's sender reads and removes its own map.
 */
final class Outbox implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Outbox.class);

  /** A stored notice and its key. */
  record Entry(long key, Notice notice) {}

  private final MVStore store;
  private final int maxEvents;
  private final Map<String, AtomicLong> dropped = new ConcurrentHashMap<>();
  private final Map<String, Boolean> dropLogged = new ConcurrentHashMap<>();

  private Outbox(MVStore store, int maxEvents) {
    this.store = store;
    this.maxEvents = maxEvents;
  }

  /**
   * Opens (or creates) the outbox file.
   *
   * @throws IllegalStateException when the file cannot be opened, with what to do
   */
  static Outbox open(Path file, int maxEvents) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      MVStore store = new MVStore.Builder().fileName(file.toString()).cacheSize(1).open();
      return new Outbox(store, maxEvents);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot open the notification outbox " + file + " (" + e
          .getMessage() + "); check that the directory is writable and that no other gateway "
          + "uses the same notifications.outbox.file", e);
    }
  }

  private MVMap<Long, byte[]> map(String receiver) {
    return store.openMap("pending." + receiver);
  }

  /** Adds a notice for {@code receiver}, dropping the oldest when full; committed on return. */
  synchronized void add(String receiver, Notice notice) {
    MVMap<Long, byte[]> map = map(receiver);
    Long last = map.lastKey();
    map.put(last == null ? 1 : last + 1, encode(notice));
    int over = map.size() - maxEvents;
    for (int i = 0; i < over; i++) {
      map.remove(map.firstKey());
      long n = dropped.computeIfAbsent(receiver, r -> new AtomicLong()).incrementAndGet();
      if (dropLogged.putIfAbsent(receiver, true) == null) {
        log.warn("Notification outbox of receiver {} is full ({} events): the oldest are dropped "
            + "({} so far, counted in floorgate.notify.deliveries, result dropped); the "
            + "receiver has not accepted anything for a long time — check it on the status page",
            receiver, maxEvents, n);
      }
    }
    store.commit();
  }

  /** Up to {@code max} of the receiver's oldest notices, oldest first. */
  synchronized List<Entry> peek(String receiver, int max) {
    List<Entry> entries = new ArrayList<>();
    List<Long> unreadable = new ArrayList<>();
    MVMap<Long, byte[]> map = map(receiver);
    Cursor<Long, byte[]> cursor = map.cursor(null);
    while (cursor.hasNext() && entries.size() < max) {
      Long key = cursor.next();
      Notice notice = decode(cursor.getValue());
      if (notice != null) {
        entries.add(new Entry(key, notice));
      } else {
        unreadable.add(key);
      }
    }
    if (!unreadable.isEmpty()) {
      unreadable.forEach(map::remove);
      store.commit();
    }
    return entries;
  }

  /** Removes what the receiver accepted; committed on return. */
  synchronized void remove(String receiver, List<Entry> entries) {
    MVMap<Long, byte[]> map = map(receiver);
    entries.forEach(e -> map.remove(e.key()));
    if (map.isEmpty()) {
      dropLogged.remove(receiver);
    }
    store.commit();
  }

  /** How many notices wait for the receiver. */
  synchronized int pending(String receiver) {
    return map(receiver).size();
  }

  /** How many of the receiver's notices were dropped because the outbox was full. */
  long dropped(String receiver) {
    AtomicLong n = dropped.get(receiver);
    return n == null ? 0 : n.get();
  }

  private static byte[] encode(Notice notice) {
    try {
      return AlarmJson.MAPPER.writeValueAsBytes(notice);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a notice that is not JSON: " + e.getMessage(), e);
    }
  }

  private static @Nullable Notice decode(byte[] bytes) {
    try {
      return AlarmJson.MAPPER.readValue(bytes, Notice.class);
    } catch (IOException e) {
      // Written by an older version; nothing to deliver.
      log.warn("Notification outbox: an entry that does not read ({}) is skipped",
          e.getMessage());
      return null;
    }
  }

  @Override
  public synchronized void close() {
    if (!store.isClosed()) {
      store.close();
    }
  }
}
