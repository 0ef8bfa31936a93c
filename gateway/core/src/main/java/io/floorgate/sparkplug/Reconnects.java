package io.floorgate.sparkplug;

import io.floorgate.driver.Backoff;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Where and when the node connects next. It walks its broker list: after a failed attempt, a lost
 * connection that had not got as far as its births, or the primary host going offline, it moves
 * on to the next broker; only when every broker was tried without a session does it wait, with
 * the delay of the shared backoff (one more failure per round of the list).
 */
final class Reconnects {

  private final int brokers;
  private final Backoff backoff;
  private int index;
  private int triesWithoutSession;

  Reconnects(int brokers, Backoff backoff) {
    this.brokers = brokers;
    this.backoff = backoff;
  }

  int index() {
    return index;
  }

  /** A session got as far as its births: the next trouble starts again from no delay. */
  void sessionStarted() {
    triesWithoutSession = 0;
  }

  /** Moves to the next broker; returns how long to wait before connecting to it. */
  Duration walk() {
    index = (index + 1) % brokers;
    triesWithoutSession++;
    if (triesWithoutSession % brokers != 0) {
      return Duration.ZERO;
    }
    return backoff.next(triesWithoutSession / brokers);
  }

  /**
   * Whether a failed attempt may have sent its CONNECT (and so used up its bdSeq): not when the
   * TCP or TLS connection itself could not be made.
   */
  static boolean connectMayHaveBeenSent(@Nullable Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException
          || t instanceof SSLException) {
        return false;
      }
    }
    return true;
  }

  static String humanize(Duration d) {
    return d.isZero() ? "at once" : "in " + Backoff.humanize(d);
  }
}
