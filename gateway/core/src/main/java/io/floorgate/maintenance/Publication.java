package io.floorgate.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides when a counter's value is worth publishing: when it has moved by a step that means
 * something (0.01 h of run time, one count), and at most once per {@link #MIN_PERIOD} per
 * counter, so a running motor does not publish ten times a second. A reset goes out at once.
 * Not thread-safe: the engine's thread owns it.
 */
public final class Publication {

  public static final Duration MIN_PERIOD = Duration.ofSeconds(5);
  static final double HOURS_STEP = 0.01;
  static final double COUNT_STEP = 1;

  private record Sent(double value, Instant at) {}

  private final Map<String, Sent> sent = new HashMap<>();

  /** Whether {@code view} should be published now; if so, it is noted as published. */
  public boolean due(CounterView view, Instant now) {
    Sent last = sent.get(view.id());
    double step = "h".equals(view.unit()) ? HOURS_STEP : COUNT_STEP;
    if (last != null && (Math.abs(view.value() - last.value()) < step - 1e-9
        || Duration.between(last.at(), now).compareTo(MIN_PERIOD) < 0)) {
      return false;
    }
    sent.put(view.id(), new Sent(view.value(), now));
    return true;
  }

  /** The counter's next value goes out whatever its step or age (after a reset). */
  public void force(String id) {
    sent.remove(id);
  }

  /** Forgets counters no longer configured. */
  public void retain(java.util.Set<String> ids) {
    sent.keySet().retainAll(ids);
  }
}
