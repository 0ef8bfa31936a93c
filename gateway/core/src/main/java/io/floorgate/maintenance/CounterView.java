package io.floorgate.maintenance;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A maintenance counter as the API ({@code GET /api/maintenance}), the UNS
 * ({@code …/_maintenance/<rule>}) and the status page show it.
 *
 * @param id          the counter's id, the same as its alarm's ({@code area.tag.path.name})
 * @param tag         the full path of the counted tag
 * @param kind        {@code runHours} or {@code count}
 * @param value       run hours or counts since the last reset
 * @param interval    the service interval, in the same unit
 * @param unit        {@code h} for run hours, {@code count} for counts
 * @param fraction    value / interval: 1 or more means service is due
 * @param lastResetAt when it was last reset; null if never
 * @param lastResetBy who reset it
 * @param comment     the reset's comment
 */
public record CounterView(
    String id,
    String tag,
    String kind,
    double value,
    double interval,
    String unit,
    double fraction,
    @Nullable Instant lastResetAt,
    @Nullable String lastResetBy,
    @Nullable String comment) {

  /** The view as JSON, as the API answers it and the UNS carries it; times ISO-8601. */
  public byte[] json() {
    try {
      return CounterFile.JSON.writeValueAsBytes(this);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // A record of strings, numbers and times always serializes; this would be a bug.
      throw new java.io.UncheckedIOException(e);
    }
  }
}
