package io.floorgate.driver;

/** How a tag group is read: pushed by the server, or read by the gateway on a timer. */
public enum AcquisitionMode {
  /** An OPC UA subscription: the server samples and reports changes. */
  SUBSCRIPTION,
  /** Batched reads at a fixed interval, for PLCs that handle subscriptions badly. */
  POLLING
}
