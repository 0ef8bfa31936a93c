package io.floorgate.alarm;

import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * STALE: no new value of the tag for at least {@code for} — a PLC heartbeat that stalled.
 *
 * <p>A new value is any GOOD or UNCERTAIN reading; a BAD one (e.g. {@code Bad_NoCommunication}
 * when the link drops) is no value. The timer starts with the engine's first judgement (its first
 * tick) and restarts with each new value; the alarm clears on the next one. Readings come by
 * exception, so the tag must change by itself (a heartbeat or a counter): a tag that holds its
 * value sends nothing and goes stale. The alarm's value is the seconds since the last value.
 */
final class StaleWatch implements MaintenanceWatch {

  private final String tag;
  private final Duration holdFor;
  private @Nullable Instant lastValueAt;
  private @Nullable Double age;

  StaleWatch(AlarmRule rule) {
    this.tag = rule.tag();
    this.holdFor = Objects.requireNonNull(rule.config().holdFor(), "for");
  }

  @Override
  public void observe(Reading reading, Instant now) {
    if (reading.path().equals(tag) && reading.quality() != Quality.BAD) {
      lastValueAt = now;
    }
  }

  @Override
  public Boolean judge(Instant now) {
    Instant last = lastValueAt;
    if (last == null) {
      last = now;
      lastValueAt = now;
    }
    Duration since = Duration.between(last, now);
    age = since.toMillis() / 1000.0;
    return since.compareTo(holdFor) >= 0;
  }

  @Override
  public @Nullable Double value() {
    return age;
  }

  /** Active before the restart: the last value is taken to be as old as it was at the raise. */
  @Override
  public void resume(Alarm saved) {
    if (lastValueAt == null && saved.raisedAt() != null) {
      lastValueAt = saved.raisedAt().minus(holdFor);
    }
  }
}
