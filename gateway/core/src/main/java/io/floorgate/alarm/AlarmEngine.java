package io.floorgate.alarm;

import io.floorgate.config.AlarmsConfig;
import io.floorgate.config.GatewayConfig;
import io.floorgate.maintenance.CounterListener;
import io.floorgate.maintenance.CounterView;
import io.floorgate.reading.Reading;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every alarm on one thread of its own: readings of the watched tags and operator commands
 * arrive on a bounded queue, timers (delays, shelve expiry) tick every 100 ms, and each transition
 * goes to the listeners (the WebSocket stream, the alarm MQTT connection) and to the state file.
 *
 * <p>Nothing here blocks a caller: {@link #offer} drops and counts when the queue is full, commands
 * return futures. Listeners are called on the engine's thread and must only hand over.
 */
public final class AlarmEngine implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AlarmEngine.class);
  static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** Replaced only on the engine's thread, by {@link #reload}; volatile for {@link #watches}. */
  private volatile AlarmBook book;
  private final Clock clock;
  private final String root;
  private final Duration maxShelve;
  private final @Nullable AlarmStore store;
  private final MaintenanceCounters counters;
  private final BlockingQueue<Object> queue;
  private final List<AlarmListener> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, Alarm> current = new java.util.concurrent.ConcurrentHashMap<>();
  private final List<String> ids = new CopyOnWriteArrayList<>();
  private final Map<String, String> areaOf = new java.util.HashMap<>();
  /** Each PLC link's latest state, from the drivers' threads; the engine reads it every tick. */
  private final Map<String, io.floorgate.driver.LinkState> links =
      new java.util.concurrent.ConcurrentHashMap<>();
  private volatile @Nullable PlcAcknowledger plc;
  private final AtomicLong dropped = new AtomicLong();
  private final AlarmLatency latency = new AlarmLatency();
  private final Thread thread;
  private volatile boolean running = true;
  private boolean dirty;

  /**
   * @param config   the gateway config; its {@code alarms:} section (if any) gives the rules
   * @param clock    the gateway clock: delays and event times
   * @param capacity readings and commands that may wait for the engine
   */
  public AlarmEngine(GatewayConfig config, Clock clock, int capacity) {
    AlarmsConfig alarms = config.alarms();
    this.maxShelve = alarms == null ? AlarmsConfig.DEFAULT_MAX_SHELVE : alarms.maxShelve();
    this.store = alarms == null || alarms.stateFile() == null ? null
        : new AlarmStore(alarms.stateFile());
    Map<AlarmId, Alarm> restored = store == null ? Map.of() : store.load();
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.clock = clock;
    this.root = config.namespace().root();
    this.book = new AlarmBook(AlarmRule.of(config), clock, restored, this::dispatch,
        config.namespace().root());
    config.connections().forEach(c -> areaOf.put(c.name(), c.area()));
    this.counters = MaintenanceCounters.of(alarms, clock);
    counters.restore(book);
    for (Alarm a : book.all()) {
      current.put(a.id(), a);
      ids.add(a.id());
    }
    this.thread = new Thread(this::run, "floorgate-alarms");
    this.thread.setDaemon(true);
    // The alarm lane's threads run above telemetry where the OS lets them (the launcher's
    // -XX:ThreadPriorityPolicy=1 with CAP_SYS_NICE or root): on a box busy with telemetry an
    // alarm then waits for a core microseconds instead of a scheduler's time slice.
    this.thread.setPriority(Thread.MAX_PRIORITY);
  }

  /** Where acknowledgements of PLC conditions go (the connections' drivers). */
  public void plcAcknowledger(PlcAcknowledger acknowledger) {
    this.plc = acknowledger;
  }

  /** Hands over a PLC condition's state (from the driver's thread); never blocks. */
  public boolean offerCondition(io.floorgate.driver.ConditionEvent event) {
    String area;
    synchronized (areaOf) {
      area = areaOf.get(event.connection());
    }
    if (area == null) {
      return true;
    }
    boolean queued = queue.offer((Runnable) () -> book.onCondition(event, area));
    if (!queued) {
      dropped.incrementAndGet();
      log.warn("Alarm queue full: PLC alarm {} of connection {} dropped; its next change or a "
          + "reconnect (ConditionRefresh) brings it back", event.conditionName(),
          event.connection());
    }
    return queued;
  }

  /**
   * Replaces the rules with those of {@code config} (a reload), on the engine's thread: alarms
   * whose id remains keep their state (active, acknowledged, shelved), new ones start normal,
   * removed ones are forgotten. Completes when applied.
   */
  public CompletableFuture<Void> reload(GatewayConfig config) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    List<AlarmRule> rules = AlarmRule.of(config);
    Runnable task = () -> {
      Map<AlarmId, Alarm> keep = new java.util.HashMap<>();
      current.values().forEach(a -> keep.put(a.alarmId(), a));
      AlarmBook next = new AlarmBook(rules, clock, keep, this::dispatch, root);
      java.util.Set<String> now = new java.util.HashSet<>();
      next.all().forEach(a -> now.add(a.id()));
      // PLC conditions come from the PLC, not from the config: a reload keeps them.
      keep.keySet().stream().filter(AlarmId::isCondition).forEach(id -> now.add(id.toString()));
      counters.carryOver(book, next);
      book = next;
      current.keySet().retainAll(now);
      ids.retainAll(now);
      for (Alarm a : next.all()) {
        if (current.putIfAbsent(a.id(), a) == null) {
          ids.add(a.id());
        }
      }
      synchronized (areaOf) {
        areaOf.clear();
        config.connections().forEach(c -> areaOf.put(c.name(), c.area()));
      }
      dirty = true;
      done.complete(null);
    };
    if (!enqueue(task)) {
      done.completeExceptionally(new AlarmCommandException(
          AlarmCommandException.Reason.UNAVAILABLE, "the alarm engine is busy; reload again"));
    }
    return done;
  }

  /**
   * A PLC link went up or down; any thread, never blocks. Kept as the link's latest state, not
   * queued, so that a full queue cannot lose it: the engine takes it at its next tick.
   */
  public void linkChanged(String connection, io.floorgate.driver.LinkState state) {
    links.put(connection, state);
  }

  /** The lane's stage times, recorded by the listeners that carry transitions out. */
  public AlarmLatency latency() {
    return latency;
  }

  /** Adds a listener for every transition from now on. */
  public void addListener(AlarmListener listener) {
    listeners.add(listener);
  }

  public void start() {
    if (store != null) {
      store.start();
    }
    counters.start();
    thread.start();
  }

  /** Whether any alarm reads this tag; only those readings need offering. */
  public boolean watches(String path) {
    return book.watches(path);
  }

  /** Hands a reading over; never blocks. False (and counted) when the queue is full. */
  public boolean offer(Reading reading) {
    if (!book.watches(reading.path())) {
      return true;
    }
    if (queue.offer(reading)) {
      return true;
    }
    long n = dropped.incrementAndGet();
    if (Long.bitCount(n) == 1) {
      log.warn("Alarm queue full ({} entries): {} readings of alarm tags dropped so far; the alarm "
          + "engine cannot keep up — check the CPU load of the gateway", queue.size(), n);
    }
    return false;
  }

  public long droppedReadings() {
    return dropped.get();
  }

  /** Every alarm's current state, in config order. Any thread. */
  public List<Alarm> alarms() {
    List<Alarm> list = new ArrayList<>(ids.size());
    for (String id : ids) {
      list.add(current.get(id));
    }
    return list;
  }

  public @Nullable Alarm alarm(String id) {
    return current.get(id);
  }

  /**
   * Sends {@code listener} the alarms that are not normal, then every transition from there on,
   * with nothing lost or repeated in between (both happen on the engine's thread).
   */
  public void subscribe(AlarmListener listener) {
    boolean queued = queue.offer((Runnable) () -> {
      listener.snapshot(alarms().stream().filter(a -> a.state() != AlarmState.NORMAL).toList());
      listeners.add(listener);
    });
    if (!queued) {
      throw new AlarmCommandException(AlarmCommandException.Reason.UNAVAILABLE,
          "the alarm engine is busy; try again");
    }
  }

  public void unsubscribe(AlarmListener listener) {
    listeners.remove(listener);
  }

  /**
   * Acknowledges; a PLC condition is acknowledged on the PLC first (its Acknowledge method), and
   * here once the PLC accepted.
   */
  public CompletableFuture<Alarm> acknowledge(String id, String by, @Nullable String comment) {
    return checked(by, comment, () -> PlcAcks.acknowledge(book, this::enqueue, plc, id, by,
        comment));
  }

  /** Shelves for {@code duration}, at most {@code alarms.maxShelve}. */
  public CompletableFuture<Alarm> shelve(String id, String by, Duration duration,
      @Nullable String comment) {
    if (duration.isNegative() || duration.isZero() || duration.compareTo(maxShelve) > 0) {
      return CompletableFuture.failedFuture(new AlarmCommandException(
          AlarmCommandException.Reason.INVALID, "shelve duration must be more than 0 and at most "
          + maxShelve.toMinutes() + " minutes (alarms.maxShelve)"));
    }
    return checked(by, comment, () -> command(() -> book.shelve(id, by, duration, comment)));
  }

  public CompletableFuture<Alarm> unshelve(String id, String by, @Nullable String comment) {
    return checked(by, comment, () -> command(() -> book.unshelve(id, by, comment)));
  }

  public CompletableFuture<Alarm> removeFromService(String id, String by,
      @Nullable String comment) {
    return checked(by, comment, () -> command(() -> book.removeFromService(id, by, comment)));
  }

  public CompletableFuture<Alarm> returnToService(String id, String by, @Nullable String comment) {
    return checked(by, comment, () -> command(() -> book.returnToService(id, by, comment)));
  }

  /** Every maintenance counter (RUN_HOURS and COUNT rules), in config order. Any thread. */
  public List<CounterView> counters() {
    return counters.views();
  }

  /** Told of counter values worth publishing, on the engine's thread: hand over, never block. */
  public void addCounterListener(CounterListener listener) {
    counters.addListener(listener);
  }

  /**
   * Sets a maintenance counter to zero after the service was done, clears its alarm, and keeps
   * who, when and why with the counter.
   */
  public CompletableFuture<CounterView> resetCounter(String id, String by,
      @Nullable String comment) {
    return checked(by, comment, () -> command(() -> counters.reset(book, id, by, comment,
        clock.instant())));
  }

  /** {@code command}, unless {@code by} or {@code comment} is refused by {@link OperatorText}. */
  private static <T> CompletableFuture<T> checked(String by, @Nullable String comment,
      Supplier<CompletableFuture<T>> command) {
    String problem = OperatorText.problem(by, comment);
    return problem == null ? command.get() : CompletableFuture.failedFuture(
        new AlarmCommandException(AlarmCommandException.Reason.INVALID, problem));
  }

  private <T> CompletableFuture<T> command(Supplier<T> action) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Runnable task = () -> {
      try {
        result.complete(action.get());
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    };
    if (!enqueue(task)) {
      result.completeExceptionally(new AlarmCommandException(
          AlarmCommandException.Reason.UNAVAILABLE, "the alarm engine is busy or stopping; "
          + "try again"));
    }
    return result;
  }

  /** Runs a task on the engine's thread; false when the queue is full or the engine stopping. */
  private boolean enqueue(Runnable task) {
    return running && queue.offer(task);
  }

  private void dispatch(AlarmEvent event) {
    if (current.put(event.alarm().id(), event.alarm()) == null) {
      ids.add(event.alarm().id());
    }
    for (AlarmListener l : listeners) {
      try {
        l.transition(event);
      } catch (RuntimeException e) {
        log.error("Alarm listener {} failed on {} of {}: {}", l, event.transition(),
            event.alarm().id(), e.toString());
      }
    }
    dirty = true;
  }

  private void run() {
    long nextTick = System.nanoTime() + TICK_NANOS;
    while (running) {
      try {
        Object item = queue.poll(Math.max(0, nextTick - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (item != null) {
          handle(item);
        }
        if (System.nanoTime() - nextTick >= 0) {
          book.onLinks(links);
          book.tick();
          counters.afterTick(book, clock.instant());
          nextTick = System.nanoTime() + TICK_NANOS;
        }
        if (dirty && store != null && queue.isEmpty()) {
          dirty = false;
          store.save(book.all());
        }
      } catch (InterruptedException e) {
        break;
      } catch (RuntimeException e) {
        // One bad reading must not stop alarm handling.
        log.error("Alarm engine error, carrying on: {}", e.toString(), e);
      }
    }
  }

  private void handle(Object item) {
    if (item instanceof Reading reading) {
      book.onReading(reading);
    } else if (item instanceof Runnable task) {
      task.run();
    }
  }

  /** Stops the thread and writes the state file, within a few seconds. */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (store != null) {
      store.save(book.all());
      store.close();
    }
    counters.close(book, clock.instant());
  }
}
