package io.floorgate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The search's decisions from given step figures, without running a bench. */
class RateSearchTest {

  /** A step at {@code rate} that was carried: everything delivered, quickly. */
  static StepFigures carried(double rate) {
    long offered = Math.round(rate * 6);
    return new StepFigures(rate, offered, offered, 6, 0, 20, 150, 0, 120, 0.3, 200);
  }

  /** A step at {@code rate} where the pipe delivered only {@code delivered}/s and fell behind. */
  static StepFigures overloaded(double rate, double delivered) {
    long offered = Math.round(rate * 6);
    long got = Math.round(delivered * 6);
    return new StepFigures(rate, offered, got, 6, 0, 900, 2500, offered - got, 4000, 0.9, 250);
  }

  @Test
  void carriedRateIsDoubledWhileNothingHasFailed() {
    RateSearch search = new RateSearch(10_000, 500, 100_000, 0.1, 6);

    search.record(carried(10_000));

    assertEquals(OptionalDouble.of(20_000), search.next());
  }

  @Test
  void failedFirstRateIsFollowedByNinetyPercentOfWhatWasDelivered() {
    RateSearch search = new RateSearch(40_000, 500, 100_000, 0.1, 6);

    search.record(overloaded(40_000, 15_000));

    assertEquals(OptionalDouble.of(13_500), search.next());
  }

  @Test
  void failedRateAlmostDeliveredStillMovesDownAFifth() {
    RateSearch search = new RateSearch(10_000, 500, 100_000, 0.1, 6);

    search.record(overloaded(10_000, 9_900));

    assertEquals(OptionalDouble.of(8_000), search.next());
  }

  @Test
  void bracketIsBisectedGeometrically() {
    RateSearch search = new RateSearch(10_000, 500, 100_000, 0.1, 6);
    search.record(carried(10_000));

    search.record(overloaded(20_000, 14_000));

    assertEquals(Math.sqrt(10_000.0 * 20_000), search.next().orElseThrow(), 1e-6);
  }

  @Test
  void searchEndsWhenTheBracketIsWithinTheResolution() {
    RateSearch search = new RateSearch(10_000, 500, 100_000, 0.1, 6);
    search.record(carried(10_000));
    search.record(overloaded(20_000, 11_500));
    search.record(overloaded(14_142, 11_000));
    search.record(carried(11_892));
    assertTrue(search.next().isPresent(), "11,892 → 14,142 is 19 % apart");

    search.record(carried(12_968));

    assertFalse(search.next().isPresent());
    assertEquals(12_968, search.sustainable());
    assertEquals(12_968, search.best().offeredPerSec());
  }

  @Test
  void searchEndsAfterItsLastStepWithTheHighestCarriedRate() {
    RateSearch search = new RateSearch(10_000, 500, 100_000, 0.1, 2);
    search.record(carried(10_000));

    search.record(overloaded(20_000, 12_000));

    assertFalse(search.next().isPresent());
    assertEquals(10_000, search.sustainable());
  }

  @Test
  void pipeThatCarriesTheMaximumIsDoneAtTheMaximum() {
    RateSearch search = new RateSearch(60_000, 500, 100_000, 0.1, 6);
    search.record(carried(60_000));
    assertEquals(OptionalDouble.of(100_000), search.next());

    search.record(carried(100_000));

    assertFalse(search.next().isPresent());
    assertEquals(100_000, search.sustainable());
  }

  @Test
  void pipeThatFailsTheMinimumCarriesNothingAndReportsItsLastStep() {
    RateSearch search = new RateSearch(600, 500, 100_000, 0.1, 6);
    search.record(overloaded(600, 100));
    assertEquals(OptionalDouble.of(500), search.next());

    search.record(overloaded(500, 90));

    assertFalse(search.next().isPresent());
    assertEquals(0, search.sustainable());
    assertEquals(500, search.best().offeredPerSec());
  }

  @Test
  void oneStepSearchIsOverAfterOneStep() {
    RateSearch search = new RateSearch(10_000, 500, 100_000, 0.1, 1);

    search.record(carried(10_000));

    assertFalse(search.next().isPresent());
    assertEquals(10_000, search.sustainable());
  }

  @Test
  void startOutsideTheRangeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new RateSearch(400, 500, 100_000, 0.1, 4));
  }
}
