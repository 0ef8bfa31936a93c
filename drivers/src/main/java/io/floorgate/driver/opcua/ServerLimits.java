package io.floorgate.driver.opcua;

import java.util.Optional;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.OperationLimits;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How many items go into one CreateMonitoredItems call and how many nodes into one Read. */
record ServerLimits(int monitoredItemsPerCall, int nodesPerRead) {

  private static final Logger log = LoggerFactory.getLogger(ServerLimits.class);

  ServerLimits {
    if (monitoredItemsPerCall < 1 || nodesPerRead < 1) {
      throw new IllegalArgumentException("chunk sizes must be >= 1");
    }
  }

  /**
   * The server's published OperationLimits, overridden by the options where set; blocks for one
   * Read, so call it on the driver's thread.
   */
  static ServerLimits read(OpcUaClient client, DriverOptions options, String connection) {
    OperationLimits limits = null;
    try {
      limits = client.readOperationLimits();
    } catch (UaException e) {
      log.info(
          "opcua connection '{}': could not read the server's OperationLimits ({}); using {} per call",
          connection, Causes.describe(e), DriverOptions.DEFAULT_CHUNK);
    }
    int items = pick(options.monitoredItemsPerCall(),
        limits == null ? Optional.empty() : limits.maxMonitoredItemsPerCall());
    int reads = pick(options.nodesPerRead(),
        limits == null ? Optional.empty() : limits.maxNodesPerRead());
    return new ServerLimits(items, reads);
  }

  /** An explicit option wins; then the server's limit (0 means "no limit" in OPC UA); then ours. */
  static int pick(int configured, Optional<UInteger> server) {
    if (configured > 0) {
      return configured;
    }
    long published = server.map(UInteger::longValue).orElse(0L);
    if (published > 0) {
      return (int) Math.min(published, Integer.MAX_VALUE);
    }
    return DriverOptions.DEFAULT_CHUNK;
  }
}
