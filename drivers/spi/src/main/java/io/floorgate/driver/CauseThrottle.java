package io.floorgate.driver;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The one limiter of repeated log lines: a cause is written once, with its fix; while it
 * persists it is counted, and written again at most once a {@code window} with the count
 * ("… (still failing: 37 times in the last 60 s)"). A PLC or broker that stays away for a night
 * gives a line a minute, not a line per retry.
 *
 * <p>It decides only; the caller logs what {@link #admit} returns, so this type needs no logging
 * library. Causes are keyed by a short text that must not vary between retries (no delay, no
 * counter in it). Thread-safe; the clock is injectable so that tests are deterministic.
 */
public final class CauseThrottle {

  /** At most one line per cause per minute, as an operator reading the log expects. */
  public static final Duration WINDOW = Duration.ofMinutes(1);

  private final long windowNanos;
  private final LongSupplier nanoClock;
  private final Map<String, Seen> seen = new HashMap<>();

  private static final class Seen {
    long writtenAt;
    int unwritten;

    Seen(long writtenAt) {
      this.writtenAt = writtenAt;
    }
  }

  public CauseThrottle() {
    this(WINDOW, System::nanoTime);
  }

  /**
   * @param window    how long a cause stays quiet after each line about it
   * @param nanoClock a monotonic clock in nanoseconds, {@code System::nanoTime} in production
   */
  public CauseThrottle(Duration window, LongSupplier nanoClock) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive, got " + window);
    }
    this.windowNanos = window.toNanos();
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
  }

  /**
   * Whether to write {@code line} now for {@code cause}.
   *
   * @return {@code line} for a new cause; {@code line} with the count of the repeats that were
   *     not written, once the window has passed since the last line; null meanwhile
   */
  public synchronized @Nullable String admit(String cause, String line) {
    long now = nanoClock.getAsLong();
    Seen s = seen.get(cause);
    if (s == null) {
      seen.put(cause, new Seen(now));
      return line;
    }
    long since = now - s.writtenAt;
    if (since < windowNanos) {
      s.unwritten++;
      return null;
    }
    int repeats = s.unwritten + 1;
    boolean quietMeanwhile = s.unwritten == 0;
    s.writtenAt = now;
    s.unwritten = 0;
    // A cause that comes back after a quiet window is news again, not a repeat.
    return quietMeanwhile ? line : line + " (still failing: " + repeats + " times in the last "
        + Backoff.humanize(Duration.ofNanos(since)) + ")";
  }

  /** Everything is fine again: the next failure of any cause is written at once. */
  public synchronized void clear() {
    seen.clear();
  }

  /** How many times {@code cause} occurred since its last line (not written). */
  public synchronized int unwritten(String cause) {
    Seen s = seen.get(cause);
    return s == null ? 0 : s.unwritten;
  }
}
