package io.floorgate.driver;

/** The state of a driver's link to its PLC. */
public enum LinkState {
  /** Not connected yet, or reconnecting after a failure. */
  CONNECTING,
  /** Session up; subscriptions or polling running. */
  CONNECTED,
  /** The link was lost; the driver is retrying. */
  DISCONNECTED,
  /** Stopped by the gateway. */
  CLOSED
}
