package io.floorgate.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One PLC connection (an item of {@code connections:} in YAML).
 *
 * <p>Defaults and bounds (the loader applies the defaults; the constructor enforces the bounds):
 * {@code timestamps} {@link TimestampPolicy#defaults()}; {@code retryInitial} 1s (100ms–1h);
 * {@code retryMax} 5m, or {@code retryInitial} when that is longer (from {@code retryInitial} to
 * 1h).
 *
 * @param name         short name used in logs and metrics, e.g. {@code rhk01}; unique
 * @param endpoint     OPC UA endpoint URL, {@code opc.tcp://host:port/path}
 * @param area         ISA-95 area of every tag of this connection, e.g. {@code calcination}
 * @param timestamps   which clock to trust for this PLC's values
 * @param retryInitial first reconnect delay
 * @param retryMax     ceiling of the reconnect backoff
 * @param groups       tag groups, each a subscription or a polling timer
 */
public record ConnectionConfig(
    String name,
    String endpoint,
    String area,
    TimestampPolicy timestamps,
    Duration retryInitial,
    Duration retryMax,
    List<GroupConfig> groups) {

  public static final Duration DEFAULT_RETRY_INITIAL = Duration.ofSeconds(1);
  public static final Duration MIN_RETRY_INITIAL = Duration.ofMillis(100);
  public static final Duration DEFAULT_RETRY_MAX = Duration.ofMinutes(5);
  /** The longest backoff: an operator waiting longer than this for a PLC would restart us. */
  public static final Duration MAX_RETRY = Duration.ofHours(1);

  public ConnectionConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(area, "area");
    Objects.requireNonNull(timestamps, "timestamps");
    Checks.within("retryInitial", retryInitial, MIN_RETRY_INITIAL, MAX_RETRY);
    Checks.within("retryMax", retryMax, retryInitial, MAX_RETRY);
    groups = List.copyOf(groups);
  }
}
