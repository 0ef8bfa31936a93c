package io.floorgate.bench;

import java.util.List;

/**
 * The outcome of the search on one pipe.
 *
 * @param pipe        {@code uns}, {@code uns-batched}, {@code sparkplug} or {@code baseline}
 * @param sustainable the highest offered rate it carried, values/s (0: none of those tried)
 * @param atRate      the figures of the step at that rate (of the last step when none carried)
 * @param steps       every step, in order
 */
public record SustainResult(String pipe, double sustainable, StepFigures atRate, List<StepFigures> steps) {

  public SustainResult {
    steps = List.copyOf(steps);
  }
}
