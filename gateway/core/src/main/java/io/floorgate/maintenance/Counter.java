package io.floorgate.maintenance;

import io.floorgate.config.AlarmKind;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One maintenance counter, fed the readings of its tag and the engine's ticks. Not thread-safe:
 * the alarm engine's thread owns it.
 *
 * <ul>
 *   <li><b>runHours</b> adds the gateway clock's time while the machine runs: the tag is true (a
 *       number: not 0), or its value is above {@code above} when set. A running motor sends no new
 *       reading, so the time is added on every tick too, not only when a reading comes.
 *   <li><b>count</b> counts rising edges of a boolean (or of value &gt; {@code above}); of a
 *       numeric tag without {@code above}, the increments of the PLC's own counter. A counter that
 *       goes down was reset or wrapped in the PLC: counting goes on from its new value, without a
 *       negative step, and one INFO line says so.
 * </ul>
 * A BAD reading (no communication, a failed sensor) stops run hours until a GOOD one says the
 * machine runs: time that cannot be seen is not counted. A lost PLC link turns the tag BAD after
 * the connection's {@code badAfterLinkLoss}; run hours go on until then. Time while the gateway
 * is stopped is not counted either (a PLC counter's increments meanwhile are). A count keeps the
 * last GOOD state across BAD readings, so a start hidden by a short loss of the link is still
 * counted once, and a machine that was running before and after it is not counted again.
 */
public final class Counter {

  private static final Logger log = LoggerFactory.getLogger(Counter.class);
  private static final double NANOS_PER_HOUR = 3_600e9;
  /** The level under a tag where its counters are published. */
  public static final String TOPIC_LEVEL = "_maintenance";

  private final String id;
  private final String tag;
  private final String path;
  private final AlarmKind kind;
  private final double interval;
  private final @Nullable Double above;

  private double value;
  private @Nullable Boolean lastOn;
  private @Nullable Double lastRaw;
  private @Nullable Instant lastResetAt;
  private @Nullable String lastResetBy;
  private @Nullable String comment;
  /** runHours: time is counted up to here while running; null while stopped or unknown. */
  private @Nullable Instant countedUntil;

  /**
   * @param id       the counter's (and its alarm's) id
   * @param tag      the full path of the counted tag
   * @param name     the rule's name, the last level of its topic
   * @param kind     {@link AlarmKind#RUN_HOURS} or {@link AlarmKind#COUNT}
   * @param interval the service interval (hours or counts)
   * @param above    the threshold of a numeric tag; null to read it as a boolean or counter
   */
  public Counter(String id, String tag, String name, AlarmKind kind, double interval,
      @Nullable Double above) {
    if (kind != AlarmKind.RUN_HOURS && kind != AlarmKind.COUNT) {
      throw new IllegalArgumentException(kind + " is not a maintenance counter");
    }
    this.id = id;
    this.tag = tag;
    this.path = tag + "/" + TOPIC_LEVEL + "/" + name;
    this.kind = kind;
    this.interval = interval;
    this.above = above;
  }

  public String id() {
    return id;
  }

  /** {@code enterprise/site/area/<tag path>/_maintenance/<rule name>}: its place on the UNS. */
  public String path() {
    return path;
  }

  /** Whether the service interval is reached. */
  public boolean due() {
    return value >= interval;
  }

  public double value() {
    return value;
  }

  public void onReading(Reading reading, Instant now) {
    tick(now);
    Double level = reading.quality() == Quality.BAD ? null : level(reading.value());
    if (kind == AlarmKind.RUN_HOURS) {
      Boolean on = level == null ? null : on(level);
      countedUntil = Boolean.TRUE.equals(on) ? now : null;
      if (on != null) {
        lastOn = on;
      }
    } else if (level == null) {
      return;
    } else if (above == null && reading.value() instanceof Number) {
      increment(level);
    } else {
      boolean on = on(level);
      if (Boolean.FALSE.equals(lastOn) && on) {
        value += 1;
      }
      lastOn = on;
    }
  }

  /** Adds the run time up to {@code now}; called on every engine tick. */
  public void tick(Instant now) {
    Instant since = countedUntil;
    if (since != null && now.isAfter(since)) {
      value += Duration.between(since, now).toNanos() / NANOS_PER_HOUR;
      countedUntil = now;
    }
  }

  private void increment(double raw) {
    Double last = lastRaw;
    if (last != null && raw > last) {
      value += raw - last;
    } else if (last != null && raw < last) {
      log.info("Maintenance counter {}: the PLC counter {} went down from {} to {} (reset or "
          + "wrapped in the PLC); counting goes on from {}", id, tag, fmt(last), fmt(raw),
          fmt(raw));
    }
    lastRaw = raw;
  }

  private boolean on(double level) {
    return above == null ? level != 0 : level > above;
  }

  /** A boolean as 1 or 0, a number as itself; null for anything else (a state name). */
  private static @Nullable Double level(@Nullable Object v) {
    if (v instanceof Boolean b) {
      return b ? 1.0 : 0.0;
    }
    if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
      return n.doubleValue();
    }
    return null;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  /** Back to zero, with who and why; the running state stays as it is. */
  public void reset(String by, @Nullable String text, Instant now) {
    tick(now);
    value = 0;
    lastResetAt = now;
    lastResetBy = by;
    comment = text;
  }

  public CounterState state() {
    return new CounterState(value, lastOn, lastRaw, lastResetAt, lastResetBy, comment);
  }

  /** Takes over what was kept before a restart or a reload. */
  public void restore(CounterState saved) {
    value = saved.value();
    lastOn = saved.lastOn();
    lastRaw = saved.lastRaw();
    lastResetAt = saved.lastResetAt();
    lastResetBy = saved.lastResetBy();
    comment = saved.comment();
  }

  /** Carries on from another counter of the same rule (a reload), including a running clock. */
  public void continueFrom(Counter previous) {
    restore(previous.state());
    countedUntil = previous.countedUntil;
  }

  public CounterView view() {
    return new CounterView(id, tag, kind.configWord(), value, interval, unit(), value / interval,
        lastResetAt, lastResetBy, comment);
  }

  /** {@code h} or {@code count}. */
  public String unit() {
    return kind == AlarmKind.RUN_HOURS ? "h" : "count";
  }
}
