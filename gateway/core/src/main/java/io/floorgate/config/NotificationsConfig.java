package io.floorgate.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Notifications that reach people ({@code notifications:} in YAML): alarm transitions go to
 * receivers (Alertmanager, webhook, e-mail) along routes, through a durable outbox.
 *
 * <p>Defaults and bounds: {@code enabled} true; {@code statusUrl} the API's address
 * ({@code http://<api.bind>:<api.port>/}), none without an API; {@code outbox.file}
 * {@code notify-outbox.mv} next to {@code alarms.stateFile} (else {@code data/notify-outbox.mv});
 * {@code outbox.maxEvents} 10000 per receiver (10–1000000); {@code group} 30s (0s–10m).
 *
 * @param enabled   false: parsed and checked, nothing sent
 * @param statusUrl the status page, linked from every message; null when there is none
 * @param outbox    the outbox's MVStore file
 * @param maxEvents events that may wait per receiver; beyond, the oldest is dropped
 * @param group     events for one receiver within this time go out together; zero for none
 * @param receivers where notifications go, names unique
 * @param routes    which alarms go where, in order
 */
public record NotificationsConfig(
    boolean enabled,
    @Nullable URI statusUrl,
    Path outbox,
    int maxEvents,
    Duration group,
    List<ReceiverConfig> receivers,
    List<RouteConfig> routes) {

  public static final int DEFAULT_MAX_EVENTS = 10_000;
  public static final int MIN_MAX_EVENTS = 10;
  public static final int MAX_MAX_EVENTS = 1_000_000;
  public static final Duration DEFAULT_GROUP = Duration.ofSeconds(30);
  public static final Duration MAX_GROUP = Duration.ofMinutes(10);
  public static final String OUTBOX_FILE = "notify-outbox.mv";

  public NotificationsConfig {
    Objects.requireNonNull(outbox, "outbox");
    Checks.within("outbox.maxEvents", maxEvents, MIN_MAX_EVENTS, MAX_MAX_EVENTS);
    Checks.within("group", group, Duration.ZERO, MAX_GROUP);
    receivers = List.copyOf(receivers);
    routes = List.copyOf(routes);
    Set<String> names = new HashSet<>();
    for (ReceiverConfig r : receivers) {
      if (!names.add(r.name())) {
        throw new IllegalArgumentException("receiver " + r.name() + " appears twice");
      }
    }
    for (RouteConfig route : routes) {
      for (String name : route.receivers()) {
        if (!names.contains(name)) {
          throw new IllegalArgumentException("route to unknown receiver " + name);
        }
      }
    }
  }

  /** The receiver of this name. */
  public ReceiverConfig receiver(String name) {
    return receivers.stream().filter(r -> r.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no receiver " + name));
  }
}
