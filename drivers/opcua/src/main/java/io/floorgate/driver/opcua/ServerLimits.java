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
   * The server's published OperationLimits, capped by the configured caps where set; blocks for
   * one Read, so call it on the driver's thread.
   *
   * @param itemsCap  a cap on monitored items per call (0: none)
   * @param readsCap  a cap on nodes per Read (0: none)
   */
  static ServerLimits read(OpcUaClient client, int itemsCap, int readsCap, String connection) {
    OperationLimits limits = null;
    try {
      limits = client.readOperationLimits();
    } catch (UaException e) {
      log.info(
          "opcua connection '{}': could not read the server's OperationLimits ({}); using {} per call",
          connection, Causes.describe(e), DriverOptions.DEFAULT_CHUNK);
    }
    int items = pick(itemsCap,
        limits == null ? Optional.empty() : limits.maxMonitoredItemsPerCall());
    int reads = pick(readsCap,
        limits == null ? Optional.empty() : limits.maxNodesPerRead());
    return new ServerLimits(items, reads);
  }

  /**
   * The smaller of the cap and the server's limit (0 means "no limit" in OPC UA); our default
   * when neither is set.
   */
  static int pick(int cap, Optional<UInteger> server) {
    long published = server.map(UInteger::longValue).orElse(0L);
    if (cap > 0 && published > 0) {
      return (int) Math.min(cap, published);
    }
    if (cap > 0) {
      return cap;
    }
    if (published > 0) {
      return (int) Math.min(published, Integer.MAX_VALUE);
    }
    return DriverOptions.DEFAULT_CHUNK;
  }
}
