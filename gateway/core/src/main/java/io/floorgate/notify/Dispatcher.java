package io.floorgate.notify;

import io.floorgate.alarm.Alarm;
import io.floorgate.alarm.AlarmEvent;
import io.floorgate.alarm.AlarmState;
import io.floorgate.config.RouteConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Turns alarm transitions into notifications: a raise goes to the receivers of the routes it
 * matches, and arms the routes' repeat and escalation timers; a clear goes to the same receivers
 * (and to an escalation receiver that was told). The timers run on their own scheduler and look
 * at the alarm's latest state when they fire: an alarm acknowledged (or cleared, or raised anew)
 * by then is not repeated nor escalated.
 */
final class Dispatcher {

  private final Routes routes;
  private final Clock clock;
  private final ScheduledExecutorService timers;
  /** Adds a notice for a receiver to the outbox and wakes its sender. */
  private final BiConsumer<String, Notice> send;
  private final Map<String, Alarm> latest = new ConcurrentHashMap<>();
  /** alarm id + "\n" + receiver of each escalation told, so its clear goes there too. */
  private final Set<String> escalated = ConcurrentHashMap.newKeySet();

  Dispatcher(Routes routes, Clock clock, ScheduledExecutorService timers,
      BiConsumer<String, Notice> send) {
    this.routes = routes;
    this.clock = clock;
    this.timers = timers;
    this.send = send;
  }

  /** One transition, on the dispatcher's thread. */
  void handle(AlarmEvent event) {
    Alarm alarm = event.alarm();
    latest.put(alarm.id(), alarm);
    switch (event.transition()) {
      case RAISE -> {
        for (String receiver : routes.receivers(alarm)) {
          send.accept(receiver, new Notice(event.eventId(), Notice.Kind.RAISED, event.time(),
              alarm));
        }
        arm(alarm, event.eventId());
      }
      case CLEAR -> {
        for (String receiver : routes.receivers(alarm)) {
          send.accept(receiver, new Notice(event.eventId(), Notice.Kind.CLEARED, event.time(),
              alarm));
        }
        for (RouteConfig route : routes.of(alarm)) {
          if (route.escalateTo() != null
              && escalated.remove(alarm.id() + "\n" + route.escalateTo())) {
            send.accept(route.escalateTo(), new Notice(event.eventId(), Notice.Kind.CLEARED,
                event.time(), alarm));
          }
        }
      }
      case SHELVE, UNSHELVE, SUPPRESS, UNSUPPRESS, OUT_OF_SERVICE, RETURN_TO_SERVICE -> {
        if (alarm.active()) {
          for (String receiver : routes.receivers(alarm)) {
            send.accept(receiver, new Notice(event.eventId(), Notice.Kind.STATE, event.time(),
                alarm));
          }
        }
      }
      default -> {
        // An acknowledgement changes only the latest state the timers read.
      }
    }
  }

  /** The alarms that were active at start-up: their timers, re-armed from their raise. */
  void restored(List<Alarm> alarms) {
    for (Alarm alarm : alarms) {
      latest.put(alarm.id(), alarm);
      if (alarm.active() && !alarm.acked() && alarm.raisedAt() != null) {
        arm(alarm, Objects.requireNonNullElse(alarm.lastEventId(), alarm.id()));
      }
    }
  }

  private void arm(Alarm alarm, String raiseId) {
    Instant raisedAt = alarm.raisedAt() == null ? clock.instant() : alarm.raisedAt();
    for (RouteConfig route : routes.of(alarm)) {
      if (route.escalateAfter() != null && route.escalateTo() != null) {
        String to = route.escalateTo();
        schedule(raisedAt.plus(route.escalateAfter()), () -> escalate(alarm.id(), raisedAt,
            raiseId, to, route.escalateAfter()));
      }
      if (route.repeat() != null) {
        // After a restart: the next repeat due, not every one missed while the gateway was down.
        long due = Duration.between(raisedAt, clock.instant()).toMillis()
            / route.repeat().toMillis() + 1;
        repeat(alarm.id(), raisedAt, raiseId, route.receiver(), route.repeat(),
            (int) Math.max(1, Math.min(Integer.MAX_VALUE, due)));
      }
    }
  }

  private void escalate(String id, Instant raisedAt, String raiseId, String to, Duration after) {
    Alarm now = unacknowledged(id, raisedAt);
    if (now != null) {
      escalated.add(id + "\n" + to);
      send.accept(to, new Notice(raiseId + "-escalated", Notice.Kind.ESCALATED,
          raisedAt.plus(after), now));
    }
  }

  private void repeat(String id, Instant raisedAt, String raiseId, String receiver,
      Duration every, int n) {
    Instant at = raisedAt.plus(every.multipliedBy(n));
    schedule(at, () -> {
      Alarm now = unacknowledged(id, raisedAt);
      if (now != null) {
        send.accept(receiver, new Notice(raiseId + "-repeat-" + n, Notice.Kind.REPEATED, at,
            now));
        repeat(id, raisedAt, raiseId, receiver, every, n + 1);
      }
    });
  }

  /**
   * The alarm's state when it is still the same activation, active, unacknowledged and
   * annunciated (not shelved, suppressed or out of service).
   */
  private @Nullable Alarm unacknowledged(String id, Instant raisedAt) {
    Alarm now = latest.get(id);
    return now != null && now.active() && !now.acked() && raisedAt.equals(now.raisedAt())
        && now.state() != AlarmState.SHELVED && now.state() != AlarmState.SUPPRESSED
        && now.state() != AlarmState.OUT_OF_SERVICE ? now : null;
  }

  private void schedule(Instant at, Runnable task) {
    long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
    try {
      timers.schedule(task, delay, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // Stopping: timers end with the gateway; restored() re-arms them at the next start.
    }
  }
}
