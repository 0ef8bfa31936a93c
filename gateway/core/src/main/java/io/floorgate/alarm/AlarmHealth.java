package io.floorgate.alarm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The alarm system's health as ISA-18.2 and EEMUA 191 measure it: how many alarms were
 * annunciated in the last 10 minutes (about 1 is manageable for one operator, more than 10 is a
 * flood), how many fixed 10-minute periods were floods, which alarms were raised most often in the
 * last 24 hours (chattering and nuisance alarms to fix first), and how many alarms stand active for
 * longer than 24 hours, are shelved, or are suppressed.
 *
 * <p>An alarm raised while shelved is not annunciated and does not count. Figures start at the
 * gateway's start (raises are not kept across restarts). Transitions arrive on the engine's
 * thread; the figures are read from any thread (metrics, status page).
 */
final class AlarmHealth implements AlarmListener {

  /** EEMUA 191's period for alarm rates. */
  static final Duration PERIOD = Duration.ofMinutes(10);
  /** More than this many alarms in one period is a flood. */
  static final int FLOOD = 10;
  /** Active for longer than this is a standing alarm; also the span of the ranking. */
  static final Duration DAY = Duration.ofHours(24);
  /** Raises kept for the ranking; beyond, the oldest go (a figure, not a record). */
  static final int KEPT = 100_000;

  /** An alarm raised, and how often, for the ranking. */
  record Frequent(String id, int raises) {}

  private record Raise(Instant at, String id) {}

  private final Clock clock;
  private final Supplier<List<Alarm>> alarms;
  private final ArrayDeque<Raise> raises = new ArrayDeque<>();
  private long total;
  private long floodPeriods;
  private long period = Long.MIN_VALUE;
  private int inPeriod;

  /**
   * @param clock  the gateway clock: the windows end now
   * @param alarms every alarm's current state
   */
  AlarmHealth(Clock clock, Supplier<List<Alarm>> alarms) {
    this.clock = clock;
    this.alarms = alarms;
  }

  @Override
  public synchronized void transition(AlarmEvent event) {
    if (event.transition() != Transition.RAISE || event.alarm().state() == AlarmState.SHELVED) {
      return;
    }
    Instant at = event.time();
    total++;
    raises.addLast(new Raise(at, event.alarm().id()));
    forget(at);
    long p = Math.floorDiv(at.toEpochMilli(), PERIOD.toMillis());
    if (p != period) {
      period = p;
      inPeriod = 0;
    }
    if (++inPeriod == FLOOD + 1) {
      floodPeriods++;
    }
  }

  /** Alarms annunciated since the start. */
  synchronized long raised() {
    return total;
  }

  /** Alarms annunciated in the last 10 minutes. */
  synchronized int lastPeriod() {
    Instant since = clock.instant().minus(PERIOD);
    int n = 0;
    for (Iterator<Raise> it = raises.descendingIterator(); it.hasNext(); ) {
      if (!it.next().at().isAfter(since)) {
        break;
      }
      n++;
    }
    return n;
  }

  /** Whether more than {@link #FLOOD} alarms were annunciated in the last 10 minutes. */
  boolean flooding() {
    return lastPeriod() > FLOOD;
  }

  /** Fixed 10-minute periods (from the hour) with more than {@link #FLOOD} alarms, since start. */
  synchronized long floodPeriods() {
    return floodPeriods;
  }

  /** The alarms raised most often in the last 24 hours, most first; at most {@code n}. */
  synchronized List<Frequent> mostFrequent(int n) {
    forget(clock.instant());
    Map<String, Integer> counts = new HashMap<>();
    raises.forEach(r -> counts.merge(r.id(), 1, Integer::sum));
    List<Frequent> ranked = new ArrayList<>();
    counts.forEach((id, c) -> ranked.add(new Frequent(id, c)));
    ranked.sort(Comparator.comparingInt(Frequent::raises).reversed()
        .thenComparing(Frequent::id));
    return ranked.subList(0, Math.min(n, ranked.size()));
  }

  /** Active, annunciated alarms raised more than 24 hours ago. */
  int standing() {
    Instant before = clock.instant().minus(DAY);
    int n = 0;
    for (Alarm a : alarms.get()) {
      boolean annunciated = a.state() == AlarmState.UNACKED || a.state() == AlarmState.ACKED;
      if (annunciated && a.raisedAt() != null && a.raisedAt().isBefore(before)) {
        n++;
      }
    }
    return n;
  }

  /** Alarms in this state now. */
  int inState(AlarmState state) {
    int n = 0;
    for (Alarm a : alarms.get()) {
      if (a.state() == state) {
        n++;
      }
    }
    return n;
  }

  private void forget(Instant now) {
    Instant since = now.minus(DAY);
    while (!raises.isEmpty() && (raises.size() > KEPT || !raises.peekFirst().at().isAfter(since))) {
      raises.removeFirst();
    }
  }
}
