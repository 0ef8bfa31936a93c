package io.floorgate.config;

import io.floorgate.driver.SecuritySpec;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One PLC connection (an item of {@code connections:} in YAML).
 *
 * <p>Defaults and bounds (the loader applies the defaults; the constructor enforces the bounds):
 * {@code timestamps} {@link TimestampPolicy#defaults()}; {@code retryInitial} 1s (100ms–1h);
 * {@code retryMax} 5m, or {@code retryInitial} when that is longer (from {@code retryInitial} to
 * 1h); {@code security} none (policy None, anonymous); {@code badAfterLinkLoss} 5s (100ms–1h);
 * {@code maxNodesPerRead}, {@code maxMonitoredItemsPerCall} 0 = the server's limits (0–100000).
 *
 * @param name         short name used in logs and metrics, e.g. {@code rhk01}; unique
 * @param endpoint     OPC UA endpoint URL, {@code opc.tcp://host:port/path}
 * @param area         ISA-95 area of every tag of this connection, e.g. {@code calcination}
 * @param timestamps   which clock to trust for this PLC's values
 * @param retryInitial first reconnect delay
 * @param retryMax     ceiling of the reconnect backoff
 * @param groups       tag groups, each a subscription or a polling timer
 * @param security     security policy, mode, identity and PKI directory of the session
 * @param badAfterLinkLoss how long after the link is lost every tag is published BAD
 * @param maxNodesPerRead  cap on nodes per Read, for PLCs that publish no limits (0: none)
 * @param maxMonitoredItemsPerCall cap on monitored items per call (0: none)
 * @param settings     what the connection's driver read of its own keys (e.g. {@code modbus:});
 *                     {@link io.floorgate.driver.ConnectionSpec#NO_SETTINGS} for none
 */
public record ConnectionConfig(
    String name,
    String endpoint,
    String area,
    TimestampPolicy timestamps,
    Duration retryInitial,
    Duration retryMax,
    List<GroupConfig> groups,
    SecuritySpec security,
    Duration badAfterLinkLoss,
    int maxNodesPerRead,
    int maxMonitoredItemsPerCall,
    Object settings) {

  public static final Duration DEFAULT_RETRY_INITIAL = Duration.ofSeconds(1);
  public static final Duration MIN_RETRY_INITIAL = Duration.ofMillis(100);
  public static final Duration DEFAULT_RETRY_MAX = Duration.ofMinutes(5);
  /** The longest backoff: an operator waiting longer than this for a PLC would restart us. */
  public static final Duration MAX_RETRY = Duration.ofHours(1);
  public static final Duration DEFAULT_BAD_AFTER_LINK_LOSS = Duration.ofSeconds(5);
  public static final Duration MIN_BAD_AFTER_LINK_LOSS = Duration.ofMillis(100);
  public static final Duration MAX_BAD_AFTER_LINK_LOSS = Duration.ofHours(1);
  public static final int MAX_OPERATION_LIMIT = 100_000;

  public ConnectionConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(area, "area");
    Objects.requireNonNull(timestamps, "timestamps");
    Checks.within("retryInitial", retryInitial, MIN_RETRY_INITIAL, MAX_RETRY);
    Checks.within("retryMax", retryMax, retryInitial, MAX_RETRY);
    Objects.requireNonNull(security, "security");
    Checks.within("badAfterLinkLoss", badAfterLinkLoss, MIN_BAD_AFTER_LINK_LOSS,
        MAX_BAD_AFTER_LINK_LOSS);
    if (maxNodesPerRead < 0 || maxNodesPerRead > MAX_OPERATION_LIMIT
        || maxMonitoredItemsPerCall < 0 || maxMonitoredItemsPerCall > MAX_OPERATION_LIMIT) {
      throw new IllegalArgumentException("operation limits must be within 0.." + MAX_OPERATION_LIMIT);
    }
    groups = List.copyOf(groups);
  }

  /** Unsecured, with the default link-loss time and the server's operation limits. */
  public ConnectionConfig(String name, String endpoint, String area, TimestampPolicy timestamps,
      Duration retryInitial, Duration retryMax, List<GroupConfig> groups) {
    this(name, endpoint, area, timestamps, retryInitial, retryMax, groups, SecuritySpec.none(),
        DEFAULT_BAD_AFTER_LINK_LOSS, 0, 0, io.floorgate.driver.ConnectionSpec.NO_SETTINGS);
  }
}
