package io.floorgate.reading;

import io.floorgate.driver.SourceType;
import io.floorgate.driver.Status;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A normalized value: engineering units, quality, the timestamp chosen by policy, and the tag's
 * ISA-95 path.
 *
 * @param connection      the PLC connection it came from
 * @param path            the ISA-95 path, e.g. {@code jxnmm/isohara/calcination/rhk01/zone03/temperature}
 * @param value           the value in engineering units ({@link Double}, {@link Long},
 *                        {@link java.math.BigInteger} for a UInt64 beyond Long, {@link Boolean},
 *                        {@link String}, or a {@link java.util.List} of those for an array);
 *                        null when the PLC sent none
 * @param unit            the engineering unit symbol, or null for unitless values
 * @param quality         GOOD, UNCERTAIN or BAD
 * @param status          the raw OPC UA status
 * @param sourceTime      the PLC's timestamp as sent, plausible or not
 * @param timestamp       the timestamp chosen by the connection's policy
 * @param timestampSource which clock {@code timestamp} came from
 * @param gatewayTime     when the gateway received the value
 * @param reason          why a BAD reading has no value, when more is known than its status says
 *                        (e.g. a structure the gateway cannot represent); null otherwise
 * @param sourceType      the type of {@code value} as the source declares it, after the tag's
 *                        transform (a scaled integer is a DOUBLE, an enum name a STRING); known
 *                        also for a null value; null when the driver could not tell
 */
public record Reading(
    String connection,
    String path,
    @Nullable Object value,
    @Nullable String unit,
    Quality quality,
    Status status,
    @Nullable Instant sourceTime,
    Instant timestamp,
    TimestampSource timestampSource,
    Instant gatewayTime,
    @Nullable String reason,
    @Nullable SourceType sourceType) {

  public Reading {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(quality, "quality");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(timestampSource, "timestampSource");
    Objects.requireNonNull(gatewayTime, "gatewayTime");
  }

  /** A reading without a reason. */
  public Reading(String connection, String path, @Nullable Object value, @Nullable String unit,
      Quality quality, Status status, @Nullable Instant sourceTime, Instant timestamp,
      TimestampSource timestampSource, Instant gatewayTime) {
    this(connection, path, value, unit, quality, status, sourceTime, timestamp, timestampSource,
        gatewayTime, null, null);
  }

  /** A reading whose source type is not known. */
  public Reading(String connection, String path, @Nullable Object value, @Nullable String unit,
      Quality quality, Status status, @Nullable Instant sourceTime, Instant timestamp,
      TimestampSource timestampSource, Instant gatewayTime, @Nullable String reason) {
    this(connection, path, value, unit, quality, status, sourceTime, timestamp, timestampSource,
        gatewayTime, reason, null);
  }
}
