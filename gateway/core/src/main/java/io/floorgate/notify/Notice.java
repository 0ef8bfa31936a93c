package io.floorgate.notify;

import io.floorgate.alarm.Alarm;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One notification waiting for, or handed to, one receiver: what happened to which alarm.
 *
 * @param id    unique per notification and stable across retries: the idempotency key
 * @param kind  what is told
 * @param time  when it happened (the transition's time, or the repeat's or escalation's)
 * @param alarm the alarm's state at that moment
 */
record Notice(String id, Kind kind, Instant time, Alarm alarm) {

  /** What a notification tells. */
  enum Kind {
    /** The alarm was raised. */
    RAISED,
    /** The alarm's condition is gone. */
    CLEARED,
    /** Still active and unacknowledged, a route's {@code repeat} later. */
    REPEATED,
    /** Not acknowledged within a route's {@code escalate.after}. */
    ESCALATED,
    /**
     * Shelved, suppressed or taken out of service, or back from it: only for receivers that
     * mirror alarm state ({@link Delivery#mirrorsState()}, Alertmanager), not for people.
     */
    STATE;

    /** The word in messages and JSON: {@code raised}, {@code cleared}, …. */
    String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  Notice {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(alarm, "alarm");
  }
}
