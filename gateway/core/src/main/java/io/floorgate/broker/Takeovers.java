package io.floorgate.broker;

import io.floorgate.driver.Backoff;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Notices a second client with the lane's client id — typically a second gateway started with
 * the same config — and holds the lane's reconnect back, so that the two do not take the session
 * from each other forever, several times a second. An MQTT 5 broker says so (DISCONNECT reason
 * 0x8E, session taken over); on MQTT 3.1.1 the broker only closes the connection (and an MQTT 5
 * one may close it before its DISCONNECT is read), so connections lost soon after they were
 * made, several in a row, are taken for the same cause.
 *
 * <p>The waits grow ({@link #HOLD_OFFS}: 30 s, 2 min, then 5 min) while the takeovers go on, and
 * start again after a loss for another reason or a connection that lasted. Thread-safe: losses
 * arrive on the client library's threads, the hold-off is taken on the lane's.
 */
final class Takeovers {

  static final List<Duration> HOLD_OFFS =
      List.of(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(5));
  /** A 3.1.1 connection lost sooner than this after it was made counts as a quick loss. */
  static final Duration QUICK = Duration.ofSeconds(10);
  /** Quick losses in a row that are taken for a second client with the same id. */
  static final int QUICK_IN_A_ROW = 3;
  /** A connection that lasted this long ends a streak of takeovers. */
  static final Duration LASTED = Duration.ofMinutes(10);

  private final String clientId;
  private final String clientIdKey;
  private final List<Duration> holdOffs;
  private final LongSupplier nanoClock;
  private long connectedAt;
  private boolean up;
  private int quickLosses;
  private int streak;
  private Duration pending = Duration.ZERO;

  /**
   * @param clientIdKey the config key that sets the lane's client id, named in the log line
   */
  Takeovers(String clientId, String clientIdKey, List<Duration> holdOffs, LongSupplier nanoClock) {
    if (holdOffs.isEmpty()) {
      throw new IllegalArgumentException("at least one hold-off");
    }
    this.clientId = clientId;
    this.clientIdKey = clientIdKey;
    this.holdOffs = List.copyOf(holdOffs);
    this.nanoClock = nanoClock;
  }

  synchronized void connected() {
    connectedAt = nanoClock.getAsLong();
    up = true;
  }

  /** The broker said the session was taken over (MQTT 5 reason 0x8E); the reason in words. */
  synchronized String takenOver() {
    endOf();
    quickLosses = 0;
    return "another client with id " + clientId + " connected to the broker (reason 0x8E, "
        + "session taken over); each gateway needs its own `" + clientIdKey + "`; " + holdOff();
  }

  /** Any other loss of a connection that was up; {@code reason} in words, returned completed. */
  synchronized String lost(String reason) {
    long lasted = endOf();
    // 3.1.1 has no reason to give, and MQTT 5 brokers do not always send theirs before closing.
    if (lasted < QUICK.toNanos()) {
      if (++quickLosses >= QUICK_IN_A_ROW) {
        int times = quickLosses;
        quickLosses = 0;
        return reason + "; the broker ended the connection right after it was made " + times
            + " times in a row: another client with id " + clientId + " may be connected to "
            + "it; each gateway needs its own `" + clientIdKey + "`; " + holdOff();
      }
      return reason;
    }
    quickLosses = 0;
    streak = 0;
    return reason;
  }

  /** Whether a hold-off waits to be taken. */
  synchronized boolean pending() {
    return !pending.isZero();
  }

  /** How long the lane waits before its next connect; zero unless a takeover was seen. */
  synchronized Duration take() {
    Duration d = pending;
    pending = Duration.ZERO;
    return d;
  }

  /** Ends the connection that was up; returns how long it lasted, in nanoseconds. */
  private long endOf() {
    long lasted = up ? nanoClock.getAsLong() - connectedAt : 0;
    up = false;
    if (lasted >= LASTED.toNanos()) {
      streak = 0;
    }
    return lasted;
  }

  private String holdOff() {
    pending = holdOffs.get(Math.min(streak, holdOffs.size() - 1));
    streak++;
    return "next attempt in " + Backoff.humanize(pending);
  }
}
