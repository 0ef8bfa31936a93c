package io.floorgate.sparkplug;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The node's write budget on a clock the test moves. */
class WriteBudgetTest {

  private final AtomicLong now = new AtomicLong(42);
  private final WriteBudget budget = new WriteBudget(100, now::get);

  private void advanceMillis(long millis) {
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  @Test
  void aFullSecondsWorthGoesAtOnceAndThenNothing() {
    assertEquals(60, budget.take(60));
    assertEquals(40, budget.take(60));
    assertEquals(0, budget.take(1));
  }

  @Test
  void itRefillsAtTheRateAndNeverBeyondOneSecond() {
    budget.take(100);
    advanceMillis(250);
    assertEquals(25, budget.take(1000));
    advanceMillis(5_000);
    assertEquals(100, budget.take(1000), "an idle node saves up one second's writes, no more");
  }

  @Test
  void fractionsOfAWriteAreKeptForLater() {
    budget.take(100);
    advanceMillis(5);
    assertEquals(0, budget.take(1));
    advanceMillis(5);
    assertEquals(1, budget.take(1));
  }
}
