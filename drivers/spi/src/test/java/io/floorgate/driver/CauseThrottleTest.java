package io.floorgate.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CauseThrottleTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final CauseThrottle throttle = new CauseThrottle(CauseThrottle.WINDOW, now::get);

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  @Test
  void aCauseRetriedEverySecondForTenMinutesGivesOneLineAMinuteWithItsCount() {
    List<String> written = new ArrayList<>();
    for (int s = 0; s < 600; s++) {
      String line = throttle.admit("untrusted", "certificate not trusted; run: floorgate trust");
      if (line != null) {
        written.add(line);
      }
      advance(Duration.ofSeconds(1));
    }
    assertEquals(10, written.size());
    assertEquals("certificate not trusted; run: floorgate trust", written.get(0));
    assertEquals("certificate not trusted; run: floorgate trust (still failing: 60 times in the "
        + "last 60 s)", written.get(1));
  }

  @Test
  void repeatsWithinTheWindowAreCountedNotWritten() {
    assertEquals("a", throttle.admit("refused", "a"));
    advance(Duration.ofSeconds(59));
    assertNull(throttle.admit("refused", "a"));
    assertNull(throttle.admit("refused", "a"));
    assertEquals(2, throttle.unwritten("refused"));
  }

  @Test
  void anotherCauseIsWrittenAtOnce() {
    assertEquals("refused", throttle.admit("refused", "refused"));
    assertEquals("timeout", throttle.admit("timeout", "timeout"));
    assertNull(throttle.admit("refused", "refused"));
  }

  @Test
  void aCauseBackAfterAQuietWindowIsWrittenWithoutACount() {
    throttle.admit("lost", "lost");
    advance(Duration.ofMinutes(5));
    assertEquals("lost", throttle.admit("lost", "lost"));
  }

  @Test
  void afterRecoveryTheSameCauseIsWrittenAtOnce() {
    throttle.admit("refused", "refused");
    throttle.clear();
    assertEquals("refused", throttle.admit("refused", "refused"));
  }
}
