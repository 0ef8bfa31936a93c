package io.floorgate.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

  private final Backoff oneToSixteenSeconds = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(16));

  @ParameterizedTest(name = "failure {0} waits {1} ms")
  @CsvSource({
      "1, 1000",
      "2, 2000",
      "3, 4000",
      "4, 8000",
      "5, 16000",
      "6, 16000",
      "40, 16000",
      "2147483647, 16000",
  })
  void delayDoublesFromInitialUpToMax(int failures, long expectedMs) {
    assertEquals(Duration.ofMillis(expectedMs), oneToSixteenSeconds.base(failures));
  }

  @ParameterizedTest(name = "failure {0} with random {1} waits {2} ms")
  @CsvSource({
      "3, 0.5, 4000",   // the middle of the range is the base delay
      "3, 0.0, 3200",   // -20 %
      "3, 0.999999, 4800", // just under +20 %
      "5, 0.999999, 16000", // jitter never goes above the ceiling
      "5, 0.0, 12800",
  })
  void jitterSpreadsTheDelayByTwentyPercentBelowTheCeiling(int failures, double random, long expectedMs) {
    assertEquals(Duration.ofMillis(expectedMs), oneToSixteenSeconds.delay(failures, random));
  }

  @Test
  void randomDelaysStayWithinTheJitterBand() {
    for (int i = 0; i < 1000; i++) {
      long ms = oneToSixteenSeconds.next(3).toMillis();
      assertTrue(ms >= 3200 && ms <= 4800, "delay " + ms + " ms outside 3.2–4.8 s");
    }
  }

  @Test
  void ceilingBelowInitialIsRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1)));
  }

  @ParameterizedTest(name = "{0} ms reads \"{1}\"")
  @CsvSource({
      "250, 250 ms",
      "1000, 1 s",
      "3600, 4 s",
      "4400, 4 s",
      "60000, 60 s",
      "300000, 5 min",
  })
  void delaysReadWellInLogLines(long ms, String text) {
    assertEquals(text, Backoff.humanize(Duration.ofMillis(ms)));
  }
}
