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
 * @param authRetry             the wait after the PLC refused the user (wrong password, unknown
 *                              user, refused token), instead of the backoff: retrying every few
 *                              seconds would lock an account on a PLC with a lockout policy
 */
record DriverOptions(
    int monitoredItemsPerCall,
    int nodesPerRead,
    Duration requestTimeout,
    Duration connectTimeout,
    Duration closeTimeout,
    Duration authRetry) {

  /** After an authentication refusal; longer than any lockout counter window we know of. */
  static final Duration AUTH_RETRY = Duration.ofMinutes(5);

  /**
   * Small PLCs (S7-1200 class) reject large batches and often do not publish their limits; a few
   * hundred per call is accepted everywhere and costs little on big servers.
   */
  static final int DEFAULT_CHUNK = 500;

  DriverOptions {
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(closeTimeout, "closeTimeout");
    Objects.requireNonNull(authRetry, "authRetry");
    if (monitoredItemsPerCall < 0 || nodesPerRead < 0) {
      throw new IllegalArgumentException("chunk sizes must be >= 0 (0 = the server's limit)");
    }
    if (requestTimeout.toMillis() < 1 || connectTimeout.toMillis() < 1 || closeTimeout.isNegative()
        || authRetry.toMillis() < 1) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }

  static DriverOptions defaults() {
    return new DriverOptions(
        0, 0, Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(5),
        AUTH_RETRY);
  }

  DriverOptions withChunks(int monitoredItemsPerCall, int nodesPerRead) {
    return new DriverOptions(
        monitoredItemsPerCall, nodesPerRead, requestTimeout, connectTimeout, closeTimeout,
        authRetry);
  }

  DriverOptions withAuthRetry(Duration authRetry) {
    return new DriverOptions(
        monitoredItemsPerCall, nodesPerRead, requestTimeout, connectTimeout, closeTimeout,
        authRetry);
  }
}
