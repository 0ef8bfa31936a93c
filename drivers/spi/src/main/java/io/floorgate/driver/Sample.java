package io.floorgate.driver;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One raw value as a PLC reported it, before any normalization.
 *
 * @param connection the configured connection name (e.g. {@code rhk01})
 * @param tag        the configured tag key this value belongs to
 * @param value      the value as a plain Java object: {@link Boolean}; {@link Long} for every
 *                   integer type (a UInt64 above {@code Long.MAX_VALUE} as a
 *                   {@link java.math.BigInteger}); {@link Double} for Float and Double;
 *                   {@link String} for String, LocalizedText (its text), DateTime (ISO-8601
 *                   UTC), Guid, StatusCode (its symbolic name) and ByteString (base64); an
 *                   unmodifiable {@link java.util.List} of those for a one-dimensional array; or
 *                   {@code null} when the server sent none, typically with a bad status
 * @param status     the OPC UA status code of the value
 * @param sourceTime the PLC's timestamp, if it sent one (it may be implausible: clocks reset)
 * @param serverTime the OPC UA server's timestamp, if it sent one
 * @param receivedAt when the gateway received it
 * @param reason     why a bad sample has no value, when the driver knows more than the status
 *                   says (e.g. "ExtensionObject of type ns=3;i=3002 has no JSON form"); else null
 * @param sourceType the type the source declares for the value (known also when the value is
 *                   null), or null when the driver cannot tell
 */
public record Sample(
    String connection,
    String tag,
    @Nullable Object value,
    Status status,
    @Nullable Instant sourceTime,
    @Nullable Instant serverTime,
    Instant receivedAt,
    @Nullable String reason,
    @Nullable SourceType sourceType) {

  public Sample {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  /** A sample without a reason: what the server sent. */
  public Sample(String connection, String tag, @Nullable Object value, Status status,
      @Nullable Instant sourceTime, @Nullable Instant serverTime, Instant receivedAt) {
    this(connection, tag, value, status, sourceTime, serverTime, receivedAt, null, null);
  }

  /** A sample whose source type is not known. */
  public Sample(String connection, String tag, @Nullable Object value, Status status,
      @Nullable Instant sourceTime, @Nullable Instant serverTime, Instant receivedAt,
      @Nullable String reason) {
    this(connection, tag, value, status, sourceTime, serverTime, receivedAt, reason, null);
  }

  /** The same sample with the type its source declares. */
  public Sample withSourceType(@Nullable SourceType type) {
    return new Sample(connection, tag, value, status, sourceTime, serverTime, receivedAt, reason,
        type);
  }
}
