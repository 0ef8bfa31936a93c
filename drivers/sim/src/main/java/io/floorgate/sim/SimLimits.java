package io.floorgate.sim;

/**
 * Operation limits of the simulated PLCs, for testing clients against small PLCs.
 *
 * @param maxNodesPerRead           nodes per Read, enforced with {@code Bad_TooManyOperations}
 * @param maxMonitoredItemsPerCall  items per Create/Modify/DeleteMonitoredItems, enforced alike
 * @param published                 whether the server publishes them in its OperationLimits
 *                                  (a PLC that enforces limits it does not publish is common)
 */
public record SimLimits(int maxNodesPerRead, int maxMonitoredItemsPerCall, boolean published) {

  /** Milo's defaults: 10,000 each, published. */
  public static final SimLimits DEFAULT = new SimLimits(10_000, 10_000, true);

  public SimLimits {
    if (maxNodesPerRead < 1 || maxMonitoredItemsPerCall < 1) {
      throw new IllegalArgumentException("operation limits must be >= 1");
    }
  }
}
