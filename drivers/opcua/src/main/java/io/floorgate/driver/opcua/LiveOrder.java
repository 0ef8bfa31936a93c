package io.floorgate.driver.opcua;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.jspecify.annotations.Nullable;

/**
 * Per tag, lets a live value through only if it is newer than the last one let through, so that
 * a consumer never sees a tag's values go backwards or repeat.
 *
 * <p>The same value can reach the driver twice: a Read at start-up and the subscription's first
 * notification report the same change; a republished NotificationMessage repeats one already
 * delivered; under load, PublishResponses are processed out of order. Order is decided by the
 * source timestamp, ties broken by the server timestamp. Values with the same source timestamp,
 * value and status report the same change: for a subscription that is a duplicate, while for a
 * polled tag a newer server timestamp makes it a new reading ("still this value").
 *
 * <p>A value with no timestamp to compare is let through (nothing says it is old), except a
 * notification that repeats the last value exactly. A value more than {@link #CLOCK_RESET} older
 * than the last is taken as a PLC clock set back (a battery change, a restart) rather than a
 * late copy — a republish is seconds late, not hours — and order restarts from it.
 *
 * <p>Thread-safe: each tag's decision is atomic, so Milo's threads and the driver's thread may
 * deliver concurrently.
 */
final class LiveOrder {

  /** Older than the last value by more than this: the PLC's clock was set back. */
  static final Duration CLOCK_RESET = Duration.ofHours(1);

  /** What became of a value. */
  enum Verdict {
    /** Newer than the last one: deliver it. */
    NEW,
    /** The same change as the last one delivered: dropped. */
    DUPLICATE,
    /** Older than the last one delivered: dropped. */
    OLDER,
    /** Far older: the PLC's clock was set back; delivered, and order restarts from it. */
    CLOCK_RESET
  }

  /** How the tag's values arrive, which decides what a repeat of the same change means. */
  enum Source {
    /** Notifications report changes: the same change twice is a duplicate. */
    SUBSCRIPTION,
    /** Reads report the current value: a later read of an unchanged value is a new reading. */
    POLLING
  }

  private record Stamp(long source, long server, long status, @Nullable Object value) {}

  /** {@link DateTime#getUtcTime()} of a missing timestamp. */
  private static final long NONE = Long.MIN_VALUE;
  private static final long CLOCK_RESET_TICKS = CLOCK_RESET.toNanos() / 100; // UTC ticks of 100 ns

  private final Map<String, Stamp> last = new ConcurrentHashMap<>();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder older = new LongAdder();
  private final LongAdder clockResets = new LongAdder();

  /**
   * Decides, and remembers, whether {@code value} of {@code tag} is delivered.
   *
   * @return {@link Verdict#NEW} or {@link Verdict#CLOCK_RESET} to deliver it; otherwise it is
   *     dropped and counted
   */
  Verdict admit(String tag, DataValue value, Source source) {
    return admit(tag, value, source, () -> { });
  }

  /**
   * As {@link #admit(String, DataValue, Source)}, and runs {@code deliver} for a value let
   * through while the tag's decision is still held: two threads delivering the same tag (Milo's,
   * and the driver's start-up Read) hand their values on in the order they were decided.
   * {@code deliver} must not block.
   */
  Verdict admit(String tag, DataValue value, Source source, Runnable deliver) {
    Stamp next = stamp(value);
    Verdict[] verdict = new Verdict[1];
    last.compute(tag, (t, before) -> {
      verdict[0] = before == null ? Verdict.NEW : compare(next, before, source);
      if (verdict[0] == Verdict.NEW || verdict[0] == Verdict.CLOCK_RESET) {
        deliver.run();
        return next;
      }
      return before;
    });
    switch (verdict[0]) {
      case DUPLICATE -> duplicates.increment();
      case OLDER -> older.increment();
      case CLOCK_RESET -> clockResets.increment();
      case NEW -> { }
    }
    return verdict[0];
  }

  /**
   * The tag was reported BAD (link loss, a PLC restart): the next value with the same stamp is
   * news again, as it ends the BAD state; an older one is still dropped.
   */
  void reportedBad(String tag) {
    reportedBad(tag, () -> { });
  }

  /** As {@link #reportedBad(String)}, running {@code deliver} (the BAD sample) in the tag's turn. */
  void reportedBad(String tag, Runnable deliver) {
    last.compute(tag, (t, s) -> {
      deliver.run();
      return s == null ? null : new Stamp(s.source, s.server, -1, s.value);
    });
  }

  long duplicates() {
    return duplicates.sum();
  }

  long older() {
    return older.sum();
  }

  long clockResets() {
    return clockResets.sum();
  }

  private static Verdict compare(Stamp next, Stamp before, Source source) {
    boolean sameChange = next.status == before.status && Objects.deepEquals(next.value, before.value);
    if (next.source != NONE && before.source != NONE) {
      if (next.source != before.source) {
        return later(next.source, before.source);
      }
      if (sameChange && source == Source.SUBSCRIPTION) {
        return Verdict.DUPLICATE;
      }
      return byServerTime(next, before, sameChange);
    }
    if (next.server != NONE && before.server != NONE && next.server != before.server) {
      return later(next.server, before.server);
    }
    // Nothing to order them by (or the same server time): only an exact repeat is known to be one.
    boolean sameTime = next.server != NONE && next.server == before.server;
    return sameChange && (sameTime || source == Source.SUBSCRIPTION) ? Verdict.DUPLICATE : Verdict.NEW;
  }

  private static Verdict byServerTime(Stamp next, Stamp before, boolean sameChange) {
    if (next.server != NONE && before.server != NONE && next.server != before.server) {
      return later(next.server, before.server);
    }
    return sameChange ? Verdict.DUPLICATE : Verdict.NEW;
  }

  private static Verdict later(long next, long before) {
    if (next > before) {
      return Verdict.NEW;
    }
    return before - next > CLOCK_RESET_TICKS ? Verdict.CLOCK_RESET : Verdict.OLDER;
  }

  private static Stamp stamp(DataValue v) {
    StatusCode status = v.statusCode();
    return new Stamp(ticks(v.sourceTime()), ticks(v.serverTime()),
        status == null ? 0 : status.value(), v.value().value());
  }

  private static long ticks(@Nullable DateTime t) {
    return t == null || t.isNull() ? NONE : t.getUtcTime();
  }
}
