package io.floorgate.ops;

import java.util.HashMap;
import java.util.Map;

/**
 * Per-second rates of ever-growing counts (samples per PLC, values normalized), as the status page
 * shows them: each rate is the change over the last window of at least a second, so that every
 * client and probe reading it in between sees the same figure.
 */
final class Rates {

  private static final long WINDOW_NANOS = 1_000_000_000L;

  private record Window(long startNanos, long startCount, double perSecond) {}

  private final Map<String, Window> windows = new HashMap<>();

  /** The rate of {@code name} whose count is now {@code count}; 0 until a window has passed. */
  synchronized double perSecond(String name, long count, long nowNanos) {
    Window w = windows.get(name);
    if (w == null || count < w.startCount()) {
      windows.put(name, new Window(nowNanos, count, 0));
      return 0;
    }
    long elapsed = nowNanos - w.startNanos();
    if (elapsed < WINDOW_NANOS) {
      return w.perSecond();
    }
    double rate = (count - w.startCount()) * 1e9 / elapsed;
    windows.put(name, new Window(nowNanos, count, rate));
    return rate;
  }

  /** Forgets a connection a reload removed. */
  synchronized void remove(String name) {
    windows.remove(name);
  }
}
