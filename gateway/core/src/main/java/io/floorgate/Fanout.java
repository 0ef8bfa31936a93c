package io.floorgate;

import io.floorgate.driver.LinkState;
import io.floorgate.ops.LatestValues;
import io.floorgate.output.Output;
import io.floorgate.reading.Reading;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the pipeline's thread does with each reading and link change: remember the reading for
 * the status page, then offer it to every output in order. Outputs only hand over, so this never
 * blocks.
 */
final class Fanout implements Consumer<Reading> {

  private final LatestValues values;
  private final List<Output> outputs;

  Fanout(LatestValues values, List<Output> outputs) {
    this.values = values;
    this.outputs = List.copyOf(outputs);
  }

  @Override
  public void accept(Reading reading) {
    values.accept(reading);
    for (Output output : outputs) {
      output.accept(reading);
    }
  }

  /** The pipeline ran dry. */
  void endOfBurst() {
    for (Output output : outputs) {
      output.endOfBurst();
    }
  }

  void linkChanged(String connection, LinkState state) {
    for (Output output : outputs) {
      output.linkChanged(connection, state);
    }
  }
}
