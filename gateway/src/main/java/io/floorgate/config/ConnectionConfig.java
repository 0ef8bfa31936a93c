package io.floorgate.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One PLC connection.
 *
 * @param name         short name used in logs and metrics, e.g. {@code rhk01}
 * @param endpoint     OPC UA endpoint URL
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

  public ConnectionConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(area, "area");
    Objects.requireNonNull(timestamps, "timestamps");
    groups = List.copyOf(groups);
  }
}
