package io.floorgate.driver;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One PLC connection: an endpoint and the tag groups read from it.
 *
 * @param name          the connection's name, used in logs and in every {@link Sample}
 * @param endpointUrl   e.g. {@code opc.tcp://10.20.1.15:4840}
 * @param retryInitial  the first delay before reconnecting to an unreachable PLC
 * @param retryMax      the ceiling of the exponential backoff
 * @param groups        the tag groups
 */
public record ConnectionSpec(
    String name,
    String endpointUrl,
    Duration retryInitial,
    Duration retryMax,
    List<TagGroupSpec> groups) {

  public ConnectionSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(endpointUrl, "endpointUrl");
    Objects.requireNonNull(retryInitial, "retryInitial");
    Objects.requireNonNull(retryMax, "retryMax");
    if (retryMax.compareTo(retryInitial) < 0) {
      throw new IllegalArgumentException("retryMax " + retryMax + " is below retryInitial " + retryInitial);
    }
    groups = List.copyOf(groups);
  }
}
