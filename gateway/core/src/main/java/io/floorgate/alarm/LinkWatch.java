package io.floorgate.alarm;

import io.floorgate.config.AlarmKind;
import io.floorgate.driver.LinkState;
import io.floorgate.driver.Status;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import io.floorgate.reading.TimestampSource;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The PLC links as the alarm engine knows them, and each connection's communication alarm: a
 * link that is down (connecting or disconnected) is the communication alarm's condition, raised
 * after its on-delay and cleared when the link is up. {@link LinkState#CLOSED} says nothing about
 * the PLC (the gateway stops or a reload removed the connection) and is ignored, so that a
 * restart neither clears nor raises anything. Owned by one {@link AlarmBook}: the engine's thread.
 */
final class LinkWatch {

  /** {@code Bad_NoCommunication}: what the drivers report every tag of a lost link as. */
  static final long BAD_NO_COMMUNICATION = 0x8031_0000L;
  private static final Status NO_COMMUNICATION =
      new Status(BAD_NO_COMMUNICATION, "Bad_NoCommunication");

  private final Map<String, AlarmTracker> alarms = new HashMap<>();
  private final Map<String, LinkState> known = new HashMap<>();

  /** Picks the communication alarms out of the book's trackers. */
  LinkWatch(Iterable<AlarmTracker> trackers) {
    for (AlarmTracker t : trackers) {
      if (t.rule.kind() == AlarmKind.COMMUNICATION) {
        alarms.put(t.rule.connection(), t);
      }
    }
  }

  /** Whether communication alarms are on: only then does a lost link suppress anything. */
  boolean enabled() {
    return !alarms.isEmpty();
  }

  /** Takes the links' current states; a change goes to the connection's communication alarm. */
  void update(Map<String, LinkState> states, Instant now, AlarmTracker.Emitter out) {
    for (Map.Entry<String, LinkState> e : states.entrySet()) {
      LinkState state = e.getValue();
      if (state == LinkState.CLOSED || state == known.get(e.getKey())) {
        continue;
      }
      known.put(e.getKey(), state);
      AlarmTracker alarm = alarms.get(e.getKey());
      if (alarm != null) {
        alarm.update(reading(alarm, down(state), now), null, null, true, now, out);
      }
    }
  }

  /**
   * Whether the quality of {@code latest}, a reading of a tag of {@code connection}, may be the
   * lost link's doing: the link is down, its communication alarm is active, or the reading is the
   * driver's {@code Bad_NoCommunication} and no fresh value has come since the link returned.
   */
  boolean lost(String connection, @Nullable Reading latest) {
    if (!enabled()) {
      return false;
    }
    AlarmTracker alarm = alarms.get(connection);
    return down(known.get(connection)) || alarm != null && alarm.active
        || latest != null && latest.status().code() == BAD_NO_COMMUNICATION;
  }

  private static boolean down(@Nullable LinkState state) {
    return state == LinkState.DISCONNECTED || state == LinkState.CONNECTING;
  }

  /** The link's state as a reading of the communication alarm's source: true while down. */
  private static Reading reading(AlarmTracker alarm, boolean down, Instant now) {
    return new Reading(alarm.rule.connection(), alarm.rule.tag(), down, null,
        down ? Quality.BAD : Quality.GOOD, down ? NO_COMMUNICATION : Status.GOOD, null, now,
        TimestampSource.GATEWAY, now);
  }
}
