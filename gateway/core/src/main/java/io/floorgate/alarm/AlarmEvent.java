package io.floorgate.alarm;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One transition of one alarm, with the alarm's full state after it.
 *
 * @param eventId    unique per event, for de-duplication by consumers
 * @param transition what happened
 * @param time       the gateway time of the transition
 * @param by         who caused it: an operator for ACK/SHELVE/UNSHELVE/…, {@code system} otherwise
 * @param comment    the operator's comment, if any
 * @param alarm      the alarm's state after the transition
 */
public record AlarmEvent(
    String eventId,
    Transition transition,
    Instant time,
    String by,
    @Nullable String comment,
    Alarm alarm) {

  /** Who is named on transitions the gateway makes by itself. */
  public static final String SYSTEM = "system";

  public AlarmEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(transition, "transition");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(alarm, "alarm");
  }
}
