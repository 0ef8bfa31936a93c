package io.floorgate.sparkplug;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** One PLC connection as a Sparkplug device: its metrics and where it stands in the session. */
final class DeviceState {

  final String id;
  /**
   * The slowest of its groups' intervals (publishing or sampling, or polling): the time the PLC
   * may take to report a first value of every metric once its link is up.
   */
  final long slowestIntervalNanos;
  final List<MetricState> metrics = new ArrayList<>();
  /** The PLC link is up (the driver said CONNECTED and nothing since). */
  boolean linkUp;
  long linkUpAtNanos;
  /** DBIRTH sent in the current MQTT session, and no DDEATH since. */
  boolean born;
  /** A DBIRTH is due once every metric has been read since the link came up (or the wait is over). */
  boolean awaitingBirth;
  /**
   * Metrics without a reading since the link last came up: their latest value is from before the
   * PLC went away (or there is none), which a birth must not present as the PLC's state.
   */
  private final Set<MetricState> unread = Collections.newSetFromMap(new IdentityHashMap<>());

  /** When a metric was last read for the first time since the link came up. */
  long lastFirstReadNanos;
  /** How many times a birth began to wait: only the latest wait's checks go on. */
  int birthWaits;

  DeviceState(String id, Duration slowestInterval) {
    this.id = id;
    this.slowestIntervalNanos = slowestInterval.toNanos();
  }

  /** The driver reports the link up: every metric must be read again before the birth. */
  void linkCameUp(long nanos) {
    linkUp = true;
    linkUpAtNanos = nanos;
    lastFirstReadNanos = nanos;
    unread.clear();
    unread.addAll(metrics);
  }

  /** A reading of {@code metric} arrived while the link is up. */
  void read(MetricState metric) {
    if (linkUp && unread.remove(metric)) {
      lastFirstReadNanos = System.nanoTime();
    }
  }

  /**
   * Whether a DBIRTH can describe the PLC as it is now: every metric read since the link came up,
   * and so every metric's data type known.
   */
  boolean readyForBirth() {
    return unread.isEmpty() && typesKnown();
  }

  /**
   * The birth will not wait any longer: metrics still unread are announced with no quality
   * (STALE), since their value, if any, is from before the link came up.
   */
  void markUnreadStale() {
    for (MetricState m : unread) {
      m.quality = null;
    }
  }

  int unreadCount() {
    return unread.size();
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
