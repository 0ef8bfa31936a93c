package io.floorgate.alarm;

import io.floorgate.config.AlarmRuleConfig;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * DISAGREEMENT: two tags that should agree (a zone's two thermocouples) differ by more than the
 * limit, without a break, for at least {@code for}: one of them is failing.
 *
 * <p>The difference is {@code |tag − against|} of the latest readings that are not BAD (UNCERTAIN
 * counts, as for DEVIATION). Once over the limit it stays over until it is back within
 * {@code limit − deadband} (the deadband is hysteresis); leaving it restarts the {@code for}
 * timer. While either tag is BAD or has sent nothing yet the condition cannot be judged and keeps
 * its state, and so does the timer. The alarm's value is the difference, in the tag's unit.
 */
final class DisagreementWatch implements MaintenanceWatch {

  private final String tag;
  private final String against;
  private final double limit;
  private final double deadband;
  private final Duration holdFor;
  private final NumericInput numbers;

  private @Nullable Double main;
  private @Nullable Double other;
  private @Nullable Double difference;
  /** Over the limit (with hysteresis), and since when. */
  private boolean over;
  private Instant overSince = Instant.EPOCH;

  DisagreementWatch(AlarmRule rule) {
    AlarmRuleConfig cfg = rule.config();
    this.tag = rule.tag();
    this.against = Objects.requireNonNull(rule.against(), "against");
    this.limit = Objects.requireNonNull(cfg.limit(), "limit");
    this.deadband = cfg.deadband();
    this.holdFor = Objects.requireNonNull(cfg.holdFor(), "for");
    this.numbers = new NumericInput(rule);
  }

  @Override
  public void observe(Reading reading, Instant now) {
    boolean isMain = reading.path().equals(tag);
    if (!isMain && !reading.path().equals(against)) {
      return;
    }
    Double v;
    if (reading.quality() == Quality.BAD) {
      v = null;
    } else {
      v = numbers.of(reading);
      if (v == null) {
        return;
      }
    }
    if (isMain) {
      main = v;
    } else {
      other = v;
    }
  }

  @Override
  public @Nullable Boolean judge(Instant now) {
    if (main == null || other == null) {
      return null;
    }
    double d = Math.abs(main - other);
    difference = d;
    boolean nowOver = over ? d > limit - deadband : d > limit;
    if (nowOver && !over) {
      overSince = now;
    }
    over = nowOver;
    return over && Duration.between(overSince, now).compareTo(holdFor) >= 0;
  }

  @Override
  public @Nullable Double value() {
    return difference;
  }

  @Override
  public void resume(Alarm saved) {
    over = true;
    overSince = Instant.EPOCH;
  }
}
