package io.floorgate.sparkplug;

import java.util.ArrayList;
import java.util.List;

/** One PLC connection as a Sparkplug device: its metrics and where it stands in the session. */
final class DeviceState {

  final String id;
  final List<MetricState> metrics = new ArrayList<>();
  /** The PLC link is up (the driver said CONNECTED and nothing since). */
  boolean linkUp;
  long linkUpAtNanos;
  /** DBIRTH sent in the current MQTT session, and no DDEATH since. */
  boolean born;
  /** A DBIRTH is due once every metric's type is known (or the wait is over). */
  boolean awaitingBirth;

  DeviceState(String id) {
    this.id = id;
  }

  /** Whether every metric has a data type, so a DBIRTH can describe them all. */
  boolean typesKnown() {
    for (MetricState m : metrics) {
      if (m.type == null) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return id;
  }
}
