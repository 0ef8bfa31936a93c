package io.floorgate.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One route (an item of {@code notifications.routes}): the alarms it matches go to its receiver.
 * Routes are tried in order; the first that matches wins unless it says {@code continue: true}.
 *
 * <p>Defaults and bounds: {@code repeat} never (1m–7d); {@code escalate.after} 1m–7d.
 *
 * @param match            which alarms
 * @param receiver         where they go
 * @param repeat           re-notify this often while active and unacknowledged; null for never
 * @param escalateAfter    not acknowledged within this → also to {@code escalateTo}; null for never
 * @param escalateTo       the escalation's receiver; null for none
 * @param continueMatching whether later routes are tried too
 */
public record RouteConfig(
    AlarmMatch match,
    String receiver,
    @Nullable Duration repeat,
    @Nullable Duration escalateAfter,
    @Nullable String escalateTo,
    boolean continueMatching) {

  public static final Duration MIN_REPEAT = Duration.ofSeconds(1);
  public static final Duration MAX_REPEAT = Duration.ofDays(7);

  public RouteConfig {
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(receiver, "receiver");
    if (repeat != null) {
      Checks.within("repeat", repeat, MIN_REPEAT, MAX_REPEAT);
    }
    if ((escalateAfter == null) != (escalateTo == null)) {
      throw new IllegalArgumentException("escalate needs both after and to");
    }
    if (escalateAfter != null) {
      Checks.within("escalate.after", escalateAfter, MIN_REPEAT, MAX_REPEAT);
    }
  }

  /** The receivers this route names: its own, and its escalation's. */
  public List<String> receivers() {
    List<String> names = new ArrayList<>(List.of(receiver));
    if (escalateTo != null) {
      names.add(escalateTo);
    }
    return names;
  }
}
