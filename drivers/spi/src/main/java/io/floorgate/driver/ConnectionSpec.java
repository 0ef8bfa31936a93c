package io.floorgate.driver;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One PLC connection: an endpoint, how it is secured, and the tag groups read from it.
 *
 * @param name                  the connection's name, used in logs and in every {@link Sample}
 * @param endpointUrl           e.g. {@code opc.tcp://10.20.1.15:4840}
 * @param retryInitial          the first delay before reconnecting to an unreachable PLC
 * @param retryMax              the ceiling of the exponential backoff
 * @param groups                the tag groups
 * @param security              security policy, mode, user identity and PKI directory
 * @param badAfterLinkLoss      how long after the link is lost every tag of the connection is
 *                              reported BAD ({@code Bad_NoCommunication}) unless it is back
 * @param maxNodesPerRead       a cap on nodes per Read for PLCs that publish no OperationLimits
 *                              (0: the server's limit, or the driver's default when it has none)
 * @param maxMonitoredItemsPerCall the same for CreateMonitoredItems
 * @param settings              what the connection's driver read of its own keys
 *                              ({@link DriverFactory#readConnection}); {@link #NO_SETTINGS} for none
 */
public record ConnectionSpec(
    String name,
    String endpointUrl,
    Duration retryInitial,
    Duration retryMax,
    List<TagGroupSpec> groups,
    SecuritySpec security,
    Duration badAfterLinkLoss,
    int maxNodesPerRead,
    int maxMonitoredItemsPerCall,
    Object settings) {

  /** A driver that reads no keys of its own. */
  public static final Object NO_SETTINGS = new Object() {
    @Override
    public String toString() {
      return "none";
    }
  };

  /** Tags go BAD this long after the link is lost, unless configured otherwise. */
  public static final Duration DEFAULT_BAD_AFTER_LINK_LOSS = Duration.ofSeconds(5);

  public ConnectionSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(endpointUrl, "endpointUrl");
    Objects.requireNonNull(retryInitial, "retryInitial");
    Objects.requireNonNull(retryMax, "retryMax");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(badAfterLinkLoss, "badAfterLinkLoss");
    if (retryMax.compareTo(retryInitial) < 0) {
      throw new IllegalArgumentException("retryMax " + retryMax + " is below retryInitial " + retryInitial);
    }
    if (badAfterLinkLoss.isNegative()) {
      throw new IllegalArgumentException("badAfterLinkLoss must not be negative: " + badAfterLinkLoss);
    }
    if (maxNodesPerRead < 0 || maxMonitoredItemsPerCall < 0) {
      throw new IllegalArgumentException("operation limit caps must be >= 0 (0 = the server's)");
    }
    groups = List.copyOf(groups);
    Objects.requireNonNull(settings, "settings");
  }

  /** Without settings of the driver's own. */
  public ConnectionSpec(String name, String endpointUrl, Duration retryInitial, Duration retryMax,
      List<TagGroupSpec> groups, SecuritySpec security, Duration badAfterLinkLoss,
      int maxNodesPerRead, int maxMonitoredItemsPerCall) {
    this(name, endpointUrl, retryInitial, retryMax, groups, security, badAfterLinkLoss,
        maxNodesPerRead, maxMonitoredItemsPerCall, NO_SETTINGS);
  }

  /** Security None, anonymous, the default link-loss time and the server's operation limits. */
  public ConnectionSpec(String name, String endpointUrl, Duration retryInitial, Duration retryMax,
      List<TagGroupSpec> groups) {
    this(name, endpointUrl, retryInitial, retryMax, groups, SecuritySpec.none(),
        DEFAULT_BAD_AFTER_LINK_LOSS, 0, 0);
  }

  /** This connection secured as {@code security}. */
  public ConnectionSpec withSecurity(SecuritySpec security) {
    return new ConnectionSpec(name, endpointUrl, retryInitial, retryMax, groups, security,
        badAfterLinkLoss, maxNodesPerRead, maxMonitoredItemsPerCall, settings);
  }

  /** This connection with other link-loss time and operation-limit caps. */
  public ConnectionSpec withLimits(Duration badAfterLinkLoss, int maxNodesPerRead,
      int maxMonitoredItemsPerCall) {
    return new ConnectionSpec(name, endpointUrl, retryInitial, retryMax, groups, security,
        badAfterLinkLoss, maxNodesPerRead, maxMonitoredItemsPerCall, settings);
  }
}
