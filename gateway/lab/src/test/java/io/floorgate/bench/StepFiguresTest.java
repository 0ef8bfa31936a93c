package io.floorgate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The verdict of one step: carried, or why not. */
class StepFiguresTest {

  private static StepFigures step(long lost, double p99Ms, long backlogGrowth, double drainMs) {
    return new StepFigures(10_000, 60_000, 60_000, 6, lost, 50, p99Ms, backlogGrowth, drainMs, 0.4, 200);
  }

  @Test
  void wholeTimelyDrainedStepIsCarried() {
    StepFigures s = step(0, 400, 900, 300);

    assertTrue(s.carried(), s::why);
  }

  @Test
  void oneLostValueFailsTheStep() {
    assertEquals("1 lost", step(1, 400, 0, 300).why());
  }

  @Test
  void p99AboveOneSecondFailsTheStep() {
    assertEquals("p99 1001 ms", step(0, 1001, 0, 300).why());
  }

  @Test
  void backlogGrowingMoreThanThreePercentOfTheOfferedFailsTheStep() {
    assertTrue(step(0, 400, 1_800, 300).carried());
    assertEquals("backlog +4 %", step(0, 400, 2_400, 300).why());
  }

  @Test
  void drainLongerThanTwoSecondsOrNeverFailsTheStep() {
    assertEquals("drain 2.5 s", step(0, 400, 0, 2_500).why());
    assertFalse(step(0, 400, 0, -1).carried());
  }

  @Test
  void cpuPerValueIsTheProcessCpuOverTheValuesDelivered() {
    // 0.4 core for 6 s = 2.4 CPU-seconds over 60,000 values = 40 µs each.
    assertEquals(40, step(0, 400, 0, 300).cpuMicrosPerValue(), 1e-9);
  }
}
