package io.floorgate.sparkplug;

/**
 * Runs work on the node's one thread, now or later. A task that throws is logged and the thread
 * goes on, so no failure can silently end the reconnect loop.
 */
@FunctionalInterface
interface NodeThread {

  void schedule(Runnable task, long delayMillis);

  default void execute(Runnable task) {
    schedule(task, 0);
  }
}
