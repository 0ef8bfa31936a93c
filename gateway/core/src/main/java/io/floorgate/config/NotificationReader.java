package io.floorgate.config;

import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code notifications:}: receivers, routes, the outbox. Errors that make the section
 * unusable (an unknown receiver, a receiver without its address, a bad duration) are reported
 * always; those that only matter when something is sent (a route matching no alarm rule, a secret
 * not set) only when {@code enabled} is true, so a shipped config may keep the section off.
 */
final class NotificationReader {

  private static final List<String> KEYS = List.of("enabled", "statusUrl", "outbox", "group",
      "receivers", "routes");
  private static final List<String> ROUTE_KEYS = List.of("match", "receiver", "repeat",
      "escalate", "continue");
  private static final List<String> MATCH_KEYS = List.of("area", "equipment", "class",
      "priority", "rule");

  private final Problems problems;
  private final List<RuleFacts> rules;
  private boolean enabled;

  /** What a route may match of an alarm rule in the config. */
  record RuleFacts(String area, String equipment, AlarmClass alarmClass, AlarmPriority priority,
      String id) {

    static RuleFacts of(AlarmRuleConfig rule) {
      String[] levels = rule.tag().split("/");
      String id = String.join(".", levels) + "." + rule.name();
      return new RuleFacts(levels[0], levels.length > 1 ? levels[1] : "", rule.alarmClass(),
          rule.priority(), id);
    }
  }

  NotificationReader(Problems problems, @Nullable AlarmsConfig alarms) {
    this.problems = problems;
    this.rules = alarms == null ? List.of()
        : alarms.rules().stream().map(RuleFacts::of).toList();
  }

  @Nullable NotificationsConfig read(YamlMap top, @Nullable AlarmsConfig alarms,
      @Nullable ApiConfig api) {
    if (!top.has("notifications")) {
      return null;
    }
    YamlMap map = top.map("notifications", KEYS);
    if (map == null) {
      return null;
    }
    int before = problems.count();
    enabled = map.bool("enabled", true);
    URI statusUrl = map.has("statusUrl") ? ReceiverReader.url(map, "statusUrl")
        : defaultStatusUrl(api);
    Path outbox = outboxFile(map, alarms);
    YamlMap outboxMap = map.map("outbox", List.of("file", "maxEvents"));
    int maxEvents = outboxMap == null ? NotificationsConfig.DEFAULT_MAX_EVENTS
        : outboxMap.integer("maxEvents", NotificationsConfig.DEFAULT_MAX_EVENTS,
            NotificationsConfig.MIN_MAX_EVENTS, NotificationsConfig.MAX_MAX_EVENTS);
    Duration group = map.duration("group", NotificationsConfig.DEFAULT_GROUP, Duration.ZERO,
        NotificationsConfig.MAX_GROUP);
    Map<String, ReceiverConfig> receivers = new LinkedHashMap<>();
    // Every name given, also of receivers with errors: routes to them are not errors too.
    Set<String> names = new LinkedHashSet<>();
    List<Node> items = map.list("receivers");
    for (int i = 0; i < items.size(); i++) {
      YamlMap item = YamlMap.of(items.get(i), map.child("receivers") + "[" + i + "]", problems,
          ReceiverReader.KEYS);
      String name = item == null ? null : item.string("name");
      if (name != null && !names.add(name.strip())) {
        item.error("name", "receiver " + name.strip() + " appears twice; give each its own name");
      }
      ReceiverConfig receiver = item == null ? null
          : new ReceiverReader(problems, enabled).read(item);
      if (receiver != null) {
        receivers.putIfAbsent(receiver.name(), receiver);
      }
    }
    List<RouteConfig> routes = new ArrayList<>();
    List<Node> routeItems = map.list("routes");
    for (int i = 0; i < routeItems.size(); i++) {
      YamlMap item = YamlMap.of(routeItems.get(i), map.child("routes") + "[" + i + "]", problems,
          ROUTE_KEYS);
      RouteConfig route = item == null ? null : route(item, names);
      if (route != null) {
        routes.add(route);
      }
    }
    if (problems.count() > before || outbox == null) {
      return null;
    }
    return new NotificationsConfig(enabled, statusUrl, outbox, maxEvents, group,
        List.copyOf(receivers.values()), routes);
  }

  private static @Nullable URI defaultStatusUrl(@Nullable ApiConfig api) {
    if (api == null) {
      return null;
    }
    String host = api.bind().equals("0.0.0.0") || api.bind().equals("::") ? "localhost"
        : api.bind().contains(":") ? "[" + api.bind() + "]" : api.bind();
    return URI.create("http://" + host + ":" + api.port() + "/");
  }

  private @Nullable Path outboxFile(YamlMap map, @Nullable AlarmsConfig alarms) {
    YamlMap outbox = map.map("outbox", List.of("file", "maxEvents"));
    String file = outbox == null ? null : outbox.string("file");
    if (file == null) {
      Path state = alarms == null ? null : alarms.stateFile();
      Path dir = state == null ? Path.of("data") : state.toAbsolutePath().getParent();
      return dir.resolve(NotificationsConfig.OUTBOX_FILE);
    }
    try {
      return Path.of(file.strip());
    } catch (InvalidPathException e) {
      outbox.error("file", "'" + file + "' is not a file path: " + e.getReason());
      return null;
    }
  }





  private @Nullable RouteConfig route(YamlMap map, Set<String> receivers) {
    int before = problems.count();
    String receiver = knownReceiver(map, "receiver", receivers, true);
    AlarmMatch match = match(map);
    Duration repeat = map.has("repeat") ? map.duration("repeat", RouteConfig.MIN_REPEAT,
        RouteConfig.MIN_REPEAT, RouteConfig.MAX_REPEAT) : null;
    Duration after = null;
    String to = null;
    YamlMap escalate = map.map("escalate", List.of("after", "to"));
    if (escalate != null) {
      if (!escalate.has("after")) {
        escalate.missing("after", "add after: 30m (how long an alarm may stay unacknowledged)");
      }
      after = escalate.duration("after", RouteConfig.MIN_REPEAT, RouteConfig.MIN_REPEAT,
          RouteConfig.MAX_REPEAT);
      to = knownReceiver(escalate, "to", receivers, true);
    }
    boolean more = map.bool("continue", false);
    if (problems.count() > before || receiver == null || match == null
        || (escalate != null && to == null)) {
      return null;
    }
    return new RouteConfig(match, receiver, repeat, escalate == null ? null : after, to, more);
  }

  private @Nullable String knownReceiver(YamlMap map, String key, Set<String> receivers,
      boolean required) {
    String name = required ? map.required(key, receivers.isEmpty() ? "<receiver name>"
        : receivers.iterator().next()) : map.string(key);
    if (name == null) {
      return null;
    }
    if (!receivers.contains(name.strip())) {
      String near = Names.closest(name.strip(), receivers);
      map.error(key, "no receiver is named '" + name.strip() + "'; " + (near != null
          ? "did you mean '" + near + "'?" : receivers.isEmpty()
              ? "add it under notifications.receivers"
              : "receivers: " + String.join(", ", receivers)));
      return null;
    }
    return name.strip();
  }

  private @Nullable AlarmMatch match(YamlMap route) {
    YamlMap map = route.map("match", MATCH_KEYS);
    if (map == null) {
      return route.has("match") ? null : AlarmMatch.any();
    }
    int before = problems.count();
    List<AlarmClass> classes = new ArrayList<>();
    for (String word : lower(map.words("class"))) {
      try {
        classes.add(AlarmClass.valueOf(word.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        map.error("class", "'" + word + "' is not process or maintenance");
      }
    }
    List<AlarmPriority> priorities = new ArrayList<>();
    for (String word : lower(map.words("priority"))) {
      try {
        priorities.add(AlarmPriority.valueOf(word.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        map.error("priority", "'" + word + "' is not low, medium, high or urgent");
      }
    }
    AlarmMatch match = new AlarmMatch(lower(map.words("area")), lower(map.words("equipment")),
        classes, priorities, map.words("rule"));
    if (problems.count() > before) {
      return null;
    }
    if (enabled && rules.stream().noneMatch(r -> match.matches(r.area(), r.equipment(),
        r.alarmClass(), r.priority(), r.id()))) {
      route.error("match", "matches none of the alarm rules (" + match + "); check the "
          + "names against alarms.rules, or remove the route");
    }
    return match;
  }


  private static List<String> lower(List<String> words) {
    return words.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
  }
}
