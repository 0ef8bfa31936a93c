package io.floorgate.notify;

import io.floorgate.alarm.Alarm;
import io.floorgate.alarm.AlarmEngine;
import io.floorgate.alarm.AlarmEvent;
import io.floorgate.alarm.AlarmListener;
import io.floorgate.config.NotificationsConfig;
import io.floorgate.config.ReceiverConfig;
import io.floorgate.driver.CauseThrottle;
import io.floorgate.output.Health;
import io.floorgate.output.Output;
import io.floorgate.output.StatusSection;
import io.floorgate.reading.Reading;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notifications of alarm transitions ({@code notifications:} in the config), as an output named
 * {@code notify}: it listens to the alarm engine, routes each raise and clear into a durable
 * outbox, and one sender per receiver delivers from there. The engine's thread only hands each
 * event to a bounded queue (drops are counted and logged); routing, timers and deliveries run on
 * threads of their own.
 *
 * <p>Meters: {@code floorgate.notify.deliveries} (tags {@code receiver}, {@code result} =
 * delivered | failed | dropped), {@code floorgate.notify.pending} (per receiver) and
 * {@code floorgate.notify.events.dropped} (events the engine's hand-off could not queue).
 */
public final class NotifyOutput implements Output, AlarmListener {

  private static final Logger log = LoggerFactory.getLogger(NotifyOutput.class);
  /** Transitions waiting for the dispatcher; a flood of this size is already news. */
  static final int QUEUE_CAPACITY = 10_000;

  private record Restored(List<Alarm> alarms) {}

  private final AlarmEngine engine;
  private final Clock clock;
  private final Outbox outbox;
  private final Dispatcher dispatcher;
  private final Map<String, ReceiverConfig> receivers = new LinkedHashMap<>();
  private final Map<String, Delivery> deliveries = new LinkedHashMap<>();
  private final Map<String, DeliveryStats> stats = new LinkedHashMap<>();
  private final Map<String, Sender> senders = new LinkedHashMap<>();
  private final Routes routes;
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final AtomicLong dropped = new AtomicLong();
  private final CauseThrottle dropLog = new CauseThrottle();
  private final ScheduledExecutorService timers;
  private final Thread thread;
  private volatile boolean running = true;

  private NotifyOutput(NotificationsConfig config, AlarmEngine engine, Clock clock) {
    this.engine = engine;
    this.clock = clock;
    this.outbox = Outbox.open(config.outbox(), config.maxEvents());
    AlarmText text = new AlarmText(ZoneId.systemDefault(), config.statusUrl());
    this.routes = new Routes(config.routes());
    for (ReceiverConfig r : config.receivers()) {
      receivers.put(r.name(), r);
      Delivery delivery = switch (r.type()) {
        case ALERTMANAGER -> new AlertmanagerDelivery(r, config.statusUrl(), text);
        case WEBHOOK -> new WebhookDelivery(r, config.statusUrl());
        case EMAIL -> new EmailDelivery(r, text);
      };
      deliveries.put(r.name(), delivery);
      DeliveryStats s = new DeliveryStats();
      stats.put(r.name(), s);
      senders.put(r.name(), new Sender(r.name(), delivery, outbox, config.group(),
          Sender.BACKOFF, clock, s));
    }
    this.timers = Executors.newSingleThreadScheduledExecutor(run -> {
      Thread t = new Thread(run, "floorgate-notify-timers");
      t.setDaemon(true);
      return t;
    });
    this.dispatcher = new Dispatcher(routes, clock, timers, this::send);
    this.thread = new Thread(this::run, "floorgate-notify");
    this.thread.setDaemon(true);
  }

  /**
   * The notifications of {@code config}, fed by {@code engine}; opens the outbox.
   *
   * @throws IllegalStateException when the outbox file cannot be opened
   */
  public static NotifyOutput of(NotificationsConfig config, AlarmEngine engine, Clock clock) {
    return new NotifyOutput(config, engine, clock);
  }

  @Override
  public String name() {
    return "notify";
  }

  @Override
  public void start() {
    senders.values().forEach(Sender::start);
    thread.start();
    engine.subscribe(this);
    log.info("Notifications: {} receiver(s) ({}), {} waiting in the outbox", receivers.size(),
        String.join(", ", receivers.keySet()), receivers.keySet().stream()
            .mapToInt(outbox::pending).sum());
  }

  @Override
  public void accept(Reading reading) {
    // Alarm transitions come from the engine, not readings.
  }

  @Override
  public void snapshot(List<Alarm> alarms) {
    hand(new Restored(List.copyOf(alarms)));
  }

  @Override
  public void transition(AlarmEvent event) {
    hand(event);
  }

  /** On the engine's thread: queue and return. */
  private void hand(Object item) {
    if (!queue.offer(item)) {
      long n = dropped.incrementAndGet();
      String line = dropLog.admit("full", "Notification queue full (" + QUEUE_CAPACITY
          + " events): alarm transitions are not notified (" + n + " so far, counted in "
          + "floorgate.notify.events.dropped); an alarm flood — see the alarm list");
      if (line != null) {
        log.warn(line);
      }
    }
  }

  private void run() {
    while (running) {
      try {
        Object item = queue.poll(1, TimeUnit.SECONDS);
        if (item instanceof AlarmEvent event) {
          dispatcher.handle(event);
        } else if (item instanceof Restored restored) {
          restore(restored.alarms());
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.error("Notifications: an alarm event could not be routed ({}); it is skipped", e
            .toString(), e);
      }
    }
  }

  private void restore(List<Alarm> alarms) {
    List<Alarm> active = alarms.stream().filter(Alarm::active).toList();
    for (Map.Entry<String, Delivery> d : deliveries.entrySet()) {
      d.getValue().active(active.stream()
          .filter(a -> routes.receivers(a).contains(d.getKey())).toList());
    }
    dispatcher.restored(active);
  }

  private void send(String receiver, Notice notice) {
    Delivery delivery = deliveries.get(receiver);
    if (notice.kind() == Notice.Kind.STATE && (delivery == null || !delivery.mirrorsState())) {
      return;
    }
    outbox.add(receiver, notice);
    Sender sender = senders.get(receiver);
    if (sender != null) {
      sender.wake();
    }
  }

  @Override
  public Health health() {
    List<String> failing = new ArrayList<>();
    int pending = 0;
    for (String r : receivers.keySet()) {
      int p = outbox.pending(r);
      pending += p;
      DeliveryStats s = stats.get(r);
      Instant error = s.lastErrorAt();
      if (p > 0 && error != null && (s.lastSuccess() == null || error.isAfter(s.lastSuccess()))) {
        failing.add(r);
      }
    }
    // A receiver's outage is no reason to take the gateway out of service: the outbox keeps
    // the notifications, and the status page shows it.
    return Health.ready(pending + " notification(s) pending" + (failing.isEmpty() ? ""
        : "; failing: " + String.join(", ", failing)));
  }

  @Override
  public List<StatusSection> statusSections() {
    List<List<String>> rows = new ArrayList<>();
    for (ReceiverConfig r : receivers.values()) {
      DeliveryStats s = stats.get(r.name());
      rows.add(List.of(r.name(), r.type().word(), String.valueOf(outbox.pending(r.name())),
          String.valueOf(s.delivered.get()), String.valueOf(s.failed.get()),
          String.valueOf(outbox.dropped(r.name())), text(s.lastError(), s.lastErrorAt()),
          s.lastSuccess() == null ? "never" : s.lastSuccess().toString()));
    }
    return List.of(new StatusSection("notification-deliveries", "Notification deliveries",
        List.of("Receiver", "Type", "Pending", "Delivered", "Failed", "Dropped", "Last error",
            "Last success"), rows, "No notification receivers configured"));
  }

  private static String text(@Nullable String error, @Nullable Instant at) {
    return error == null || at == null ? "" : at + ": " + error;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String r : receivers.keySet()) {
      DeliveryStats s = stats.get(r);
      counter(registry, r, "delivered", s.delivered);
      counter(registry, r, "failed", s.failed);
      FunctionCounter.builder("floorgate.notify.deliveries", outbox, o -> o.dropped(r))
          .tags("receiver", r, "result", "dropped")
          .description("Notifications dropped from a full outbox").register(registry);
      Gauge.builder("floorgate.notify.pending", outbox, o -> o.pending(r))
          .tag("receiver", r).description("Notifications waiting in the outbox")
          .register(registry);
    }
    FunctionCounter.builder("floorgate.notify.events.dropped", dropped, AtomicLong::get)
        .description("Alarm transitions not notified: the notification queue was full")
        .register(registry);
  }

  private static void counter(MeterRegistry registry, String receiver, String result,
      AtomicLong count) {
    FunctionCounter.builder("floorgate.notify.deliveries", count, AtomicLong::get)
        .tags("receiver", receiver, "result", result)
        .description("Notifications delivered (events), failed (delivery attempts), dropped "
            + "(events)")
        .register(registry);
  }

  @Override
  public void close() {
    running = false;
    engine.unsubscribe(this);
    // No interrupt: it would close the outbox's file channel under a write (MVStore).
    timers.shutdownNow();
    senders.values().forEach(Sender::close);
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    outbox.close();
  }
}
