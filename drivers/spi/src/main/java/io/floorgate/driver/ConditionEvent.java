package io.floorgate.driver;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A PLC's own alarm (an OPC UA Alarms &amp; Conditions condition) as it reported its state.
 *
 * @param connection    the configured connection name
 * @param conditionId   the condition's node id, e.g. {@code ns=2;s=RHK01.Alarms.OverTemperature};
 *                      what {@link Driver#acknowledge} takes
 * @param eventId       the event's id in hex; acknowledging names the latest one
 * @param conditionName the condition's name, e.g. {@code OverTemperature}
 * @param sourceName    the PLC object it is about
 * @param message       the PLC's message text
 * @param severity      OPC UA severity 1–1000
 * @param active        whether the alarm condition is present
 * @param acked         whether it is acknowledged
 * @param retain        whether the PLC still holds it as interesting (active or unacknowledged)
 * @param time          the PLC's time of the event
 * @param receivedAt    when the gateway received it
 */
public record ConditionEvent(
    String connection,
    String conditionId,
    String eventId,
    String conditionName,
    String sourceName,
    String message,
    int severity,
    boolean active,
    boolean acked,
    boolean retain,
    @Nullable Instant time,
    Instant receivedAt) {

  public ConditionEvent {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(conditionId, "conditionId");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(conditionName, "conditionName");
    Objects.requireNonNull(sourceName, "sourceName");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }
}
