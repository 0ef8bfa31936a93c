package io.floorgate.maintenance;

/**
 * Told when a counter moved by a step worth publishing (see {@link Publication}) or was reset.
 * Called on the alarm engine's thread: hand over, never block.
 */
@FunctionalInterface
public interface CounterListener {
  void changed(CounterView counter);
}
