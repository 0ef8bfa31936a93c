package io.floorgate.alarm;

import io.floorgate.config.AlarmRuleConfig;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * FROZEN: a GOOD value that has not moved by more than {@code tolerance} from the value it had
 * when it last moved, for at least {@code for}, while the process runs — a stuck sensor.
 *
 * <p>Judged on ticks as well as readings: a stuck value sends no reading at all. While the
 * {@code while:} tag equals its state the process runs; when it does not, the condition is false,
 * and the timer starts again when the process runs again (a sensor may well hold still in a
 * stopped kiln). While the {@code while:} tag is BAD or has sent nothing, or the watched tag has
 * no GOOD value, the condition cannot be judged and keeps its state. A reading that is not GOOD
 * breaks the watch: the next GOOD value starts it over. The first move beyond the tolerance clears
 * the alarm. The alarm's value is the value the tag is stuck at.
 */
final class FrozenWatch implements MaintenanceWatch {

  private final String tag;
  private final @Nullable String guardTag;
  private final @Nullable String guardState;
  private final Duration holdFor;
  private final double tolerance;
  private final NumericInput numbers;

  /** The value when it last moved, and when that was; null while there is no GOOD value. */
  private @Nullable Double reference;
  private Instant movedAt = Instant.EPOCH;
  /** Whether the {@code while:} tag says the process runs; null while unknown or BAD. */
  private @Nullable Boolean running;
  private @Nullable Instant runningSince;
  /** Active before a restart: stuck until the value is seen to move. */
  private boolean resumed;

  FrozenWatch(AlarmRule rule) {
    AlarmRuleConfig cfg = rule.config();
    this.tag = rule.tag();
    this.guardTag = rule.guardTag();
    this.guardState = cfg.guard() == null ? null : cfg.guard().equals();
    this.holdFor = Objects.requireNonNull(cfg.holdFor(), "for");
    this.tolerance = cfg.tolerance();
    this.numbers = new NumericInput(rule);
  }

  @Override
  public void observe(Reading reading, Instant now) {
    if (reading.path().equals(tag)) {
      observeValue(reading, now);
    }
    if (guardState != null && reading.path().equals(guardTag)) {
      running = reading.quality() == Quality.BAD ? null
          : Values.matches(reading.value(), guardState);
    }
  }

  private void observeValue(Reading reading, Instant now) {
    if (reading.quality() != Quality.GOOD) {
      reference = null;
      return;
    }
    Double v = numbers.of(reading);
    if (v == null) {
      return;
    }
    if (reference == null) {
      reference = v;
      movedAt = resumed ? now.minus(holdFor) : now;
    } else if (Math.abs(v - reference) > tolerance) {
      reference = v;
      movedAt = now;
      resumed = false;
    }
  }

  @Override
  public @Nullable Boolean judge(Instant now) {
    if (reference == null) {
      return null;
    }
    Instant since = movedAt;
    if (guardState != null) {
      if (running == null) {
        return null;
      }
      if (!running) {
        runningSince = null;
        resumed = false;
        return false;
      }
      if (runningSince == null) {
        runningSince = resumed ? now.minus(holdFor) : now;
      }
      since = runningSince.isAfter(since) ? runningSince : since;
    }
    return Duration.between(since, now).compareTo(holdFor) >= 0;
  }

  @Override
  public @Nullable Double value() {
    return reference;
  }

  @Override
  public void resume(Alarm saved) {
    resumed = true;
  }
}
