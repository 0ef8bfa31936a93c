package io.floorgate.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PlcClockTest {

  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

  @Test
  void resetClockCountsFrom2000WhileServerTimeStaysReal() {
    var clock = new PlcClock();
    clock.reset(true, T0);
    Stamp stamp = clock.stamp(T0.plusSeconds(90));
    assertEquals(Instant.parse("2000-01-01T00:01:30Z"), stamp.source().getJavaInstant());
    assertEquals(T0.plusSeconds(90), stamp.server().getJavaInstant());
  }

  @Test
  void keepingTheResetSetDoesNotRestartTheCount() {
    var clock = new PlcClock();
    clock.reset(true, T0);
    clock.reset(true, T0.plusSeconds(10));
    assertEquals(
        Instant.parse("2000-01-01T00:00:20Z"),
        clock.stamp(T0.plusSeconds(20)).source().getJavaInstant());
  }

  @Test
  void clearingTheResetRestoresRealTime() {
    var clock = new PlcClock();
    clock.reset(true, T0);
    clock.reset(false, T0.plusSeconds(5));
    assertEquals(T0.plusSeconds(6), clock.stamp(T0.plusSeconds(6)).source().getJavaInstant());
  }
}
