package io.floorgate.driver;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One raw value as a PLC reported it, before any normalization.
 *
 * @param connection the configured connection name (e.g. {@code rhk01})
 * @param tag        the configured tag key this value belongs to
 * @param value      the value as a plain Java object ({@link Boolean}, {@link Long} for every
 *                   integer type, {@link Double} for every floating type, {@link String}, or
 *                   {@code null} when the server sent none, typically with a bad status)
 * @param status     the OPC UA status code of the value
 * @param sourceTime the PLC's timestamp, if it sent one (it may be implausible: clocks reset)
 * @param serverTime the OPC UA server's timestamp, if it sent one
 * @param receivedAt when the gateway received it
 */
public record Sample(
    String connection,
    String tag,
    @Nullable Object value,
    Status status,
    @Nullable Instant sourceTime,
    @Nullable Instant serverTime,
    Instant receivedAt) {

  public Sample {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }
}
