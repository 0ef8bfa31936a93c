package io.floorgate.maintenance;

/**
 * Told when a counter moved by a step worth publishing (see {@link Publication}) or was reset.
 * Called on the alarm engine's thread: hand over, never block.
 */
@FunctionalInterface
public interface CounterListener {
  /**
   * @param path    where the value belongs in the namespace:
   *                {@code enterprise/site/area/<tag path>/_maintenance/<rule name>}
   * @param counter the counter's value now
   */
  void changed(String path, CounterView counter);
}
