package io.floorgate.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The search for the highest offered rate a pipe carries ({@link StepFigures#carried()}): coarse
 * steps until a carried rate and a failed one bracket the answer, then bisection (geometric) until
 * the bracket is within {@code resolution} or the steps are used up.
 *
 * <p>Coarse steps: after a carried rate, twice it; after a failed one, 90 % of what the pipe
 * delivered while overloaded (its throughput is the best guess of its capacity), but at most 80 %
 * of the failed rate so that every step moves. Rates stay within [{@code min}, {@code max}]; a pipe
 * that carries {@code max} is reported as carrying {@code max}, one that fails {@code min} as
 * carrying nothing. Pure: it decides from the figures it is given and runs nothing.
 */
final class RateSearch {

  private final double min;
  private final double max;
  private final double resolution;
  private final int maxSteps;
  private final List<StepFigures> steps = new ArrayList<>();
  private double next;
  private double carried;
  private double failed = Double.POSITIVE_INFINITY;
  private boolean done;

  /**
   * @param start      the first rate offered
   * @param min        the lowest rate it offers
   * @param max        the highest
   * @param resolution stop when the lowest failed rate is within this factor above the highest
   *                   carried, e.g. 0.1 for 10 %
   * @param maxSteps   at most this many steps
   */
  RateSearch(double start, double min, double max, double resolution, int maxSteps) {
    if (!(min > 0 && min <= start && start <= max)) {
      throw new IllegalArgumentException("need 0 < min ≤ start ≤ max, got " + min + ", " + start + ", " + max);
    }
    if (maxSteps < 1) {
      throw new IllegalArgumentException("need at least one step, got " + maxSteps);
    }
    this.min = min;
    this.max = max;
    this.resolution = resolution;
    this.maxSteps = maxSteps;
    this.next = start;
  }

  /** The rate to offer next, or empty when the search is over. */
  OptionalDouble next() {
    return done ? OptionalDouble.empty() : OptionalDouble.of(next);
  }

  /** Takes the figures of the step at {@link #next()} and decides the step after it. */
  void record(StepFigures step) {
    if (done) {
      throw new IllegalStateException("the search is over");
    }
    steps.add(step);
    double rate = step.offeredPerSec();
    if (step.carried()) {
      carried = Math.max(carried, rate);
    } else {
      failed = Math.min(failed, rate);
    }
    done = steps.size() >= maxSteps || decideNext(step);
  }

  /** Sets {@link #next}; true when there is nothing left to try. */
  private boolean decideNext(StepFigures step) {
    if (carried >= max || failed <= min) {
      return true;
    }
    if (carried > 0 && failed < Double.POSITIVE_INFINITY) {
      if (failed <= carried * (1 + resolution)) {
        return true;
      }
      next = Math.sqrt(carried * failed);
      return false;
    }
    if (step.carried()) {
      next = Math.min(max, step.offeredPerSec() * 2);
    } else {
      double guess = Math.min(0.9 * step.deliveredPerSec(), 0.8 * step.offeredPerSec());
      next = Math.max(min, guess);
    }
    return false;
  }

  /** The highest rate carried so far, 0 when none was. */
  double sustainable() {
    return carried;
  }

  /** The figures of the step that carried {@link #sustainable()}, or of the last step when none did. */
  StepFigures best() {
    if (steps.isEmpty()) {
      throw new IllegalStateException("no step was recorded");
    }
    return steps.stream().filter(s -> s.carried() && s.offeredPerSec() == carried).findFirst()
        .orElse(steps.get(steps.size() - 1));
  }

  /** Every step so far, in order. */
  List<StepFigures> steps() {
    return List.copyOf(steps);
  }
}
