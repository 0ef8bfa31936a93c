package io.floorgate.testkit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves: {@code clock.now = clock.now.plusSeconds(10)}. */
public final class MutableClock extends Clock {
  public volatile Instant now;

  public MutableClock(Instant now) {
    this.now = now;
  }

  /** Moves the clock on by {@code d}. */
  public void advance(java.time.Duration d) {
    now = now.plus(d);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
