package io.floorgate.alarm;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.floorgate.config.AlarmClass;
import io.floorgate.config.AlarmKind;
import io.floorgate.config.AlarmPriority;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The full current state of one alarm: what is published retained on its MQTT state topic, listed
 * by {@code GET /api/alarms}, and carried by every {@link AlarmEvent}.
 *
 * @param id           stable id, the string form of an {@link AlarmId}: {@code area.tag.path.name},
 *                     e.g. {@code calcination.rhk01.zone05.temperature.hi}; URL-safe
 * @param path         the alarm's ISA-95 path, {@code enterprise/site/area/tag…/name}
 * @param tag          the watched tag's ISA-95 path (the source tag)
 * @param connection   the PLC connection the tag comes from
 * @param type         what is watched
 * @param priority     priority, and {@code severity} its OPC UA severity
 * @param severity     1–1000
 * @param message      the operator text; for TREND the projection, written at the raise
 *                     ({@code … projected to reach 38 A in ≈ 9 days})
 * @param limit        the trip limit (units per minute for RATE); null where there is none
 * @param unit         the unit of {@code limit} and {@code value}
 * @param state        the ISA-18.2 state
 * @param active       whether the alarm condition is present (after delays)
 * @param acked        whether the last activation was acknowledged
 * @param value        the value at trip (for DEVIATION and DISAGREEMENT the difference, for RATE
 *                     the rate, for FROZEN the value the tag is stuck at, for STALE the seconds
 *                     since the tag's last value, for TREND the fitted line's value at trip — in
 *                     the tag's unit, beside the limit; when the line reaches the limit is in the
 *                     message)
 * @param quality      the quality of the reading at trip
 * @param raisedAt     gateway time of the last RAISE
 * @param clearedAt    gateway time of the last CLEAR
 * @param sourceTime   the PLC's timestamp of the reading at trip
 * @param gatewayTime  when the gateway received the reading at trip
 * @param ackedBy      who acknowledged, {@code ackedAt} when, {@code comment} what they said
 * @param ackedAt      when it was acknowledged
 * @param comment      the last operator comment (ack, shelve)
 * @param shelvedUntil when the shelve ends by itself; null when not shelved
 * @param shelvedBy    who shelved it
 * @param lastEventId  the id of the event that brought it to this state
 */
public record Alarm(
    String id,
    String path,
    String tag,
    String connection,
    AlarmKind type,
    @JsonProperty("class") @Nullable AlarmClass alarmClass,
    AlarmPriority priority,
    int severity,
    String message,
    @Nullable Double limit,
    @Nullable String unit,
    AlarmState state,
    boolean active,
    boolean acked,
    @Nullable Object value,
    @Nullable String quality,
    @Nullable Instant raisedAt,
    @Nullable Instant clearedAt,
    @Nullable Instant sourceTime,
    @Nullable Instant gatewayTime,
    @Nullable String ackedBy,
    @Nullable Instant ackedAt,
    @Nullable String comment,
    @Nullable Instant shelvedUntil,
    @Nullable String shelvedBy,
    @Nullable String lastEventId) {

  public Alarm {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(type, "type");
    alarmClass = alarmClass == null ? AlarmClass.PROCESS : alarmClass;
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(state, "state");
  }

  /**
   * The typed id, parsed from {@link #id()}. Not a JSON property: Jackson writes only a record's
   * components (and getters named get…/is…).
   *
   * @throws IllegalArgumentException when {@code id} is not an {@link AlarmId}'s string form
   */
  public AlarmId alarmId() {
    return AlarmId.parse(id);
  }
}
