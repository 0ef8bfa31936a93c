package io.floorgate.notify;

import java.util.List;

/** How one receiver takes notifications: one HTTP request or one e-mail per call. */
interface Delivery {

  /**
   * Delivers a group of notices, oldest first; returns once the receiver accepted them all.
   *
   * @throws DeliveryException when it did not (the sender retries the whole group)
   */
  void deliver(List<Notice> notices) throws DeliveryException;

  /**
   * Called by the sender when nothing is pending and {@link #refreshEvery} has passed: a receiver
   * that must hear of active alarms again (Alertmanager) sends them.
   */
  default void refresh() throws DeliveryException {}

  /** How often {@link #refresh} is due; zero for never. */
  default java.time.Duration refreshEvery() {
    return java.time.Duration.ZERO;
  }

  /** Whether {@link Notice.Kind#STATE} notices go to this receiver. */
  default boolean mirrorsState() {
    return false;
  }

  /** Alarms active at start-up (the engine's snapshot) that route to this receiver. */
  default void active(List<io.floorgate.alarm.Alarm> alarms) {}
}
