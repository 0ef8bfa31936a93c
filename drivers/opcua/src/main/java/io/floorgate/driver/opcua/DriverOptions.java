package io.floorgate.driver.opcua;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the driver that the SPI's {@link io.floorgate.driver.ConnectionSpec} does not carry.
 *
 * @param monitoredItemsPerCall items per CreateMonitoredItems call; 0 = the server's
 *                              MaxMonitoredItemsPerCall, or {@link #DEFAULT_CHUNK} if it publishes
 *                              none
 * @param nodesPerRead          nodes per Read call; 0 = the server's MaxNodesPerRead, or
 *                              {@link #DEFAULT_CHUNK}
 * @param requestTimeout        how long one service call may take
 * @param connectTimeout        how long opening the TCP connection may take
 * @param closeTimeout          how long {@code close()} waits for the server, in total
 */
record DriverOptions(
    int monitoredItemsPerCall,
    int nodesPerRead,
    Duration requestTimeout,
    Duration connectTimeout,
    Duration closeTimeout) {

  /**
   * Small PLCs (S7-1200 class) reject large batches and often do not publish their limits; a few
   * hundred per call is accepted everywhere and costs little on big servers.
   */
  static final int DEFAULT_CHUNK = 500;

  DriverOptions {
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(closeTimeout, "closeTimeout");
    if (monitoredItemsPerCall < 0 || nodesPerRead < 0) {
      throw new IllegalArgumentException("chunk sizes must be >= 0 (0 = the server's limit)");
    }
    if (requestTimeout.toMillis() < 1 || connectTimeout.toMillis() < 1 || closeTimeout.isNegative()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }

  static DriverOptions defaults() {
    return new DriverOptions(
        0, 0, Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(5));
  }

  DriverOptions withChunks(int monitoredItemsPerCall, int nodesPerRead) {
    return new DriverOptions(
        monitoredItemsPerCall, nodesPerRead, requestTimeout, connectTimeout, closeTimeout);
  }
}
