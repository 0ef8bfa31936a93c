package io.floorgate.alarm;

import io.floorgate.config.AlarmsConfig;
import io.floorgate.maintenance.Counter;
import io.floorgate.maintenance.CounterFile;
import io.floorgate.maintenance.CounterListener;
import io.floorgate.maintenance.CounterState;
import io.floorgate.maintenance.CounterView;
import io.floorgate.maintenance.Publication;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's side of the maintenance counters: restores them at start and across a reload,
 * saves their values at most every {@link #SAVE_PERIOD} (and on close), tells the listeners (the
 * UNS) of changes worth publishing, and keeps a snapshot any thread may read. The counters
 * themselves live in their alarms' trackers, because their interval is their alarm's condition.
 * On the engine's thread, except {@link #views()}.
 */
final class MaintenanceCounters {

  private static final Logger log = LoggerFactory.getLogger(MaintenanceCounters.class);
  static final Duration SAVE_PERIOD = Duration.ofSeconds(5);

  private final @Nullable CounterFile file;
  private final Publication publication = new Publication();
  private final List<CounterListener> listeners = new CopyOnWriteArrayList<>();
  private volatile List<CounterView> views = List.of();
  private Map<String, CounterState> saved = Map.of();
  /** What the file held at start: a counter a reload adds back takes its value from here. */
  private Map<String, CounterState> loaded = Map.of();
  private Instant savedAt = Instant.EPOCH;

  private MaintenanceCounters(@Nullable CounterFile file) {
    this.file = file;
  }

  /**
   * The counters' file beside {@code alarms.stateFile}; in memory only when it is unset (the
   * config's check warns of that).
   *
   * @throws IllegalStateException when the file cannot be used
   */
  static MaintenanceCounters of(@Nullable AlarmsConfig alarms, Clock clock) {
    return new MaintenanceCounters(alarms == null || alarms.stateFile() == null ? null
        : new CounterFile(CounterFile.beside(alarms.stateFile()), clock));
  }

  /** Gives the book's counters their saved values. */
  void restore(AlarmBook book) {
    if (file == null) {
      refresh(book);
      return;
    }
    loaded = file.load();
    saved = loaded;
    for (Counter c : book.counters()) {
      CounterState state = loaded.get(c.id());
      if (state != null) {
        c.restore(state);
      }
    }
    refresh(book);
  }

  /** A reload: counters whose rule remains carry on in the new book. */
  void carryOver(AlarmBook from, AlarmBook to) {
    Map<String, Counter> old = new HashMap<>();
    from.counters().forEach(c -> old.put(c.id(), c));
    Set<String> ids = new HashSet<>();
    for (Counter c : to.counters()) {
      ids.add(c.id());
      Counter previous = old.get(c.id());
      CounterState kept = loaded.get(c.id());
      if (previous != null) {
        c.continueFrom(previous);
      } else if (kept != null) {
        c.restore(kept);
      }
    }
    publication.retain(ids);
    refresh(to);
  }

  void addListener(CounterListener listener) {
    listeners.add(listener);
  }

  /** After a tick or a command: snapshot, publish what moved, save when due. */
  void afterTick(AlarmBook book, Instant now) {
    refresh(book);
    for (Counter c : listeners.isEmpty() ? List.<Counter>of() : book.counters()) {
      CounterView v = c.view();
      if (publication.due(v, now)) {
        for (CounterListener l : listeners) {
          try {
            l.changed(c.path(), v);
          } catch (RuntimeException e) {
            log.error("Maintenance counter listener {} failed on {}: {}", l, v.id(), e.toString());
          }
        }
      }
    }
    if (file != null && Duration.between(savedAt, now).compareTo(SAVE_PERIOD) >= 0) {
      save(book, now);
    }
  }

  /** Resets a counter; its new value goes out at once. */
  CounterView reset(AlarmBook book, String id, String by, @Nullable String comment,
      Instant now) {
    Counter c = book.resetCounter(id, by, comment);
    publication.force(c.id());
    afterTick(book, now);
    if (file != null) {
      save(book, now);
    }
    return c.view();
  }

  private void save(AlarmBook book, Instant now) {
    Map<String, CounterState> states = new HashMap<>();
    book.counters().forEach(c -> states.put(c.id(), c.state()));
    if (!states.equals(saved) && file != null) {
      file.save(states);
      saved = states;
    }
    savedAt = now;
  }

  private void refresh(AlarmBook book) {
    views = book.counters().stream().map(Counter::view).toList();
  }

  /** Every counter as last seen on the engine's thread, in config order. Any thread. */
  List<CounterView> views() {
    return views;
  }

  void start() {
    if (file != null) {
      file.start();
    }
  }

  /** Writes the final values and stops the file's writer. */
  void close(AlarmBook book, Instant now) {
    if (file != null) {
      save(book, now);
      file.close();
    }
  }
}
