package io.floorgate.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code alarms:}: where state is kept, the shelving bound, and the rules, each checked
 * against the tags the connections declare.
 */
final class AlarmReader {

  private static final List<String> KEYS = List.of("clientId", "url", "urls", "username",
      "password", "stateFile", "maxShelve", "rules", "conditions", "protocol", "communication");
  private static final List<String> RULE_KEYS = List.of("tag", "type", "name", "limit", "deadband",
      "onDelay", "offDelay", "priority", "message", "against", "equals", "suppressWhen",
      "inService", "class", "for", "tolerance", "while", "window", "horizon", "direction",
      "interval", "above", "suppressedBy");
  private static final List<String> COMMUNICATION_KEYS = List.of("enabled", "priority",
      "onDelay");
  private static final List<String> SUPPRESS_KEYS = List.of("tag", "equals");
  private static final Map<String, AlarmKind> KINDS = new LinkedHashMap<>();
  private static final Map<String, AlarmPriority> PRIORITIES = new LinkedHashMap<>();
  private static final Map<String, AlarmClass> CLASSES = new LinkedHashMap<>();
  private static final Map<String, Boolean> DIRECTIONS = new LinkedHashMap<>();

  static {
    Arrays.stream(AlarmKind.values()).filter(AlarmKind::configurable)
        .forEach(k -> KINDS.put(k.configWord(), k));
    Arrays.stream(AlarmClass.values()).forEach(c -> CLASSES.put(c.word(), c));
    DIRECTIONS.put("rising", true);
    DIRECTIONS.put("falling", false);
    Arrays.stream(AlarmPriority.values()).forEach(p -> PRIORITIES.put(p.name().toLowerCase(
        java.util.Locale.ROOT), p));
  }

  private final Problems problems;
  private final Set<String> tagPaths;
  private final Set<String> connections;
  private final Set<String> nonNumeric;
  private final Map<String, String> areaOf;
  private final SuppressedByReader suppressedBy;

  /**
   * @param tagPaths    every configured tag as {@code area/path}
   * @param connections every configured connection name
   * @param nonNumeric  the tags ({@code area/path}) known not to carry numbers (boolean, text,
   *                    enum states): a trend or a disagreement cannot watch them
   * @param areaOf      each connection's area, for the ids of communication alarms
   */
  AlarmReader(Problems problems, Set<String> tagPaths, Set<String> connections,
      Set<String> nonNumeric, Map<String, String> areaOf) {
    this.problems = problems;
    this.tagPaths = tagPaths;
    this.connections = connections;
    this.nonNumeric = nonNumeric;
    this.areaOf = areaOf;
    this.suppressedBy = new SuppressedByReader(problems, tagPaths);
  }

  @Nullable AlarmsConfig read(YamlMap top, @Nullable MqttConfig mqtt, PlainText plainText) {
    YamlMap map = top.map("alarms", KEYS);
    if (map == null) {
      return null;
    }
    int before = problems.count();
    String clientId = map.string("clientId");
    if (clientId != null && clientId.isBlank()) {
      map.error("clientId", "is empty; remove it for <mqtt.clientId>-alarms");
    }
    List<String> urls = mqtt == null ? List.of()
        : new MqttReader(problems).laneUrls(map, mqtt);
    String username = map.has("username") ? map.string("username")
        : mqtt == null ? null : mqtt.username();
    String password = map.has("password")
        ? Secrets.brokerPassword(map, "password", MqttReader.PASSWORD_VARIABLE)
        : mqtt == null ? null : mqtt.password();
    if (mqtt != null) {
      plainText.checkLane(map, map.has("urls") ? "urls" : "url", urls, password, mqtt);
    }
    MqttProtocol protocol = MqttReader.protocol(map,
        mqtt == null ? MqttProtocol.AUTO : mqtt.protocol());
    Path stateFile = null;
    String file = map.string("stateFile");
    if (file != null) {
      try {
        stateFile = Path.of(file.strip());
      } catch (InvalidPathException e) {
        map.error("stateFile", "'" + file + "' is not a file path: " + e.getReason());
      }
    }
    Duration maxShelve = map.duration("maxShelve", AlarmsConfig.DEFAULT_MAX_SHELVE,
        AlarmsConfig.MIN_MAX_SHELVE, AlarmsConfig.MAX_MAX_SHELVE);
    List<String> conditions = new ArrayList<>();
    for (Node item : map.list("conditions")) {
      String name = Scalars.scalar(item, map.child("conditions"), problems);
      if (name != null && !connections.contains(name.strip())) {
        problems.add(item, map.child("conditions"), "no connection is named '" + name.strip()
            + "'; list the names of connections whose PLC alarms to read, e.g. [rhk01]");
      } else if (name != null) {
        conditions.add(name.strip());
      }
    }
    List<Node> items = map.has("rules") || !map.has("conditions")
        ? map.nonEmptyList("rules", "add alarm rules, each with tag, type and limit, e.g. "
            + "- { tag: calcination/rhk01/zone05/temperature, type: hi, limit: 800 }")
        : List.of();
    Map<String, Integer> ids = new HashMap<>();
    List<AlarmRuleConfig> rules = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      AlarmRuleConfig rule = rule(items.get(i), map.child("rules") + "[" + i + "]", ids);
      if (rule != null) {
        rules.add(rule);
      }
    }
    CommunicationConfig communication = communication(map);
    suppressedBy.check(ids.keySet().stream().map(id -> id.replace('/', '.')).toList(), areaOf,
        communication.enabled());
    suppressedBy.clashes(ids, areaOf, communication.enabled());
    long counters = rules.stream().filter(r -> r.kind() == AlarmKind.RUN_HOURS
        || r.kind() == AlarmKind.COUNT).count();
    if (stateFile == null && counters > 0) {
      map.warning("rules", counters + " maintenance counter(s) (runHours/count) are kept in "
          + "memory only and start from zero after every restart; set alarms.stateFile, e.g. "
          + "stateFile: /var/lib/floorgate/alarms.json (the counters go beside it, in "
          + "alarms-maintenance.json)");
    }
    if (problems.count() > before || mqtt == null || urls.isEmpty()) {
      return null;
    }
    BrokerConfig broker = mqtt.broker().lane(urls, clientId != null ? clientId.strip()
        : AlarmsConfig.defaultClientId(mqtt.clientId()), username, password, protocol);
    return new AlarmsConfig(rules, broker, stateFile, maxShelve, conditions, communication);
  }

  /** {@code alarms.communication}: the generated alarm of each connection's link. */
  private static CommunicationConfig communication(YamlMap alarms) {
    YamlMap map = alarms.map("communication", COMMUNICATION_KEYS);
    if (map == null) {
      return CommunicationConfig.DEFAULT;
    }
    boolean enabled = map.bool("enabled", true);
    AlarmPriority priority = map.choice("priority", CommunicationConfig.DEFAULT_PRIORITY,
        PRIORITIES);
    Duration onDelay = map.duration("onDelay", CommunicationConfig.DEFAULT_ON_DELAY,
        Duration.ZERO, CommunicationConfig.MAX_ON_DELAY);
    return new CommunicationConfig(enabled, priority, onDelay);
  }

  private @Nullable AlarmRuleConfig rule(Node node, String path, Map<String, Integer> ids) {
    YamlMap map = YamlMap.of(node, path, problems, RULE_KEYS);
    if (map == null) {
      return null;
    }
    int before = problems.count();
    String tag = tag(map, "tag");
    AlarmKind kind = null;
    if (!map.has("type")) {
      map.missing("type", "add type: one of " + String.join(", ", KINDS.keySet()));
    } else {
      kind = map.choice("type", null, KINDS);
    }
    String name = map.string("name");
    if (name != null) {
      String problem = Names.levelProblem(name.strip());
      if (problem != null) {
        map.error("name", problem);
      }
    } else if (kind != null) {
      name = kind.word();
    }
    if (tag != null && name != null) {
      Integer first = ids.putIfAbsent(tag + "/" + name.strip(), Problems.line(node));
      if (first != null) {
        map.error(map.has("name") ? "name" : "type", "tag " + tag + " already has an alarm named '"
            + name.strip() + "' (line " + first + "); give this one a name: of its own");
      }
    }
    Double limit = null;
    if (kind != null && kind.needsLimit()) {
      limit = map.number("limit", true);
    } else if (kind != null && map.has("limit")) {
      map.error("limit", "a " + kind.word() + " alarm has no limit; remove it");
    }
    Double deadband = map.number("deadband", false);
    if (deadband != null && deadband < 0) {
      map.error("deadband", Scalars.format(deadband) + " is negative; use 0 or more");
    }
    Duration onDelay = map.duration("onDelay", AlarmRuleConfig.DEFAULT_DELAY, Duration.ZERO,
        AlarmRuleConfig.MAX_DELAY);
    Duration offDelay = map.duration("offDelay", AlarmRuleConfig.DEFAULT_DELAY, Duration.ZERO,
        AlarmRuleConfig.MAX_DELAY);
    AlarmPriority priority = map.choice("priority", AlarmRuleConfig.DEFAULT_PRIORITY, PRIORITIES);
    String against = null;
    if (kind == AlarmKind.DEVIATION || kind == AlarmKind.DISAGREEMENT) {
      against = tag(map, "against");
    } else if (map.has("against")) {
      map.error("against", "only a deviation or disagreement alarm compares against another tag; "
          + "remove it");
    }
    Maintenance m = kind == null ? null : maintenance(map, kind, tag, against);
    String equals = null;
    if (kind == AlarmKind.DISCRETE) {
      equals = map.required("equals", "true (or a number, or an enum state such as fault)");
    } else if (map.has("equals")) {
      map.error("equals", "only a discrete alarm has 'equals'; remove it");
    }
    AlarmRuleConfig.Suppression suppression = suppression(map);
    List<String> suppressors = suppressedBy.read(map, tag == null || name == null ? null
        : SuppressedByReader.ruleId(tag, name.strip()));
    boolean inService = map.bool("inService", true);
    String message = map.string("message");
    if (problems.count() > before || tag == null || kind == null || name == null) {
      return null;
    }
    AlarmClass alarmClass = map.choice("class", kind.defaultClass(), CLASSES);
    return new AlarmRuleConfig(tag, kind, name.strip(), limit,
        deadband == null ? AlarmRuleConfig.DEFAULT_DEADBAND : deadband, onDelay, offDelay,
        priority, message != null && !message.isBlank() ? message.strip()
            : defaultMessage(tag, kind, limit, equals, m),
        against, equals == null ? null : equals.strip(), suppression, inService, alarmClass,
        m.holdFor(), m.tolerance(), m.guard(), m.trend(), m.interval(), m.above(), suppressors);
  }

  /** The settings of the maintenance kinds, each refused on a kind that has no use for it. */
  private record Maintenance(@Nullable Duration holdFor, double tolerance,
      AlarmRuleConfig.@Nullable Suppression guard, AlarmRuleConfig.@Nullable Trend trend,
      @Nullable Double interval, @Nullable Double above) {}

  private Maintenance maintenance(YamlMap map, AlarmKind kind, @Nullable String tag,
      @Nullable String against) {
    Duration holdFor = null;
    if (kind.needsHoldFor()) {
      if (!map.has("for")) {
        map.missing("for", "add for: how long the condition must hold, e.g. for: 10m");
      } else {
        holdFor = map.duration("for", AlarmRuleConfig.MIN_HOLD_FOR, AlarmRuleConfig.MIN_HOLD_FOR,
            AlarmRuleConfig.MAX_HOLD_FOR);
      }
    } else {
      refuse(map, kind, "for", "disagreement, frozen and stale");
    }
    double tolerance = 0;
    AlarmRuleConfig.Suppression guard = null;
    if (kind == AlarmKind.FROZEN) {
      Double t = map.number("tolerance", false);
      if (t != null && t < 0) {
        map.error("tolerance", Scalars.format(t) + " is negative; use 0 or more");
      }
      tolerance = t == null || t < 0 ? 0 : t;
      YamlMap w = map.map("while", SUPPRESS_KEYS);
      if (w != null) {
        String guardTag = tag(w, "tag");
        String state = w.required("equals", "true");
        guard = guardTag == null || state == null ? null
            : new AlarmRuleConfig.Suppression(guardTag, state.strip());
      }
    } else {
      refuse(map, kind, "tolerance", "frozen");
      refuse(map, kind, "while", "frozen");
    }
    AlarmRuleConfig.Trend trend = null;
    if (kind == AlarmKind.TREND) {
      Duration window = map.has("window") ? map.duration("window", null,
          AlarmRuleConfig.Trend.MIN, AlarmRuleConfig.Trend.MAX_WINDOW) : null;
      if (!map.has("window")) {
        map.missing("window", "add window: how far back the slope is fitted, e.g. window: 7d");
      }
      Duration horizon = map.has("horizon") ? map.duration("horizon", null,
          AlarmRuleConfig.Trend.MIN, AlarmRuleConfig.Trend.MAX_HORIZON) : null;
      if (!map.has("horizon")) {
        map.missing("horizon", "add horizon: how far ahead to look, e.g. horizon: 14d");
      }
      Boolean rising = map.choice("direction", Boolean.TRUE, DIRECTIONS);
      if (window != null && horizon != null) {
        trend = new AlarmRuleConfig.Trend(window, horizon, rising == null || rising);
      }
    } else {
      refuse(map, kind, "window", "trend");
      refuse(map, kind, "horizon", "trend");
      refuse(map, kind, "direction", "trend");
    }
    Double interval = null;
    Double above = null;
    if (kind.needsInterval()) {
      interval = map.number("interval", true);
      if (interval != null && !(interval > 0)) {
        map.error("interval", Scalars.format(interval) + " is not above 0; write the service "
            + "interval (" + (kind == AlarmKind.RUN_HOURS ? "hours" : "a count") + "), e.g. "
            + "interval: 2000");
        interval = null;
      }
      above = map.number("above", false);
    } else {
      refuse(map, kind, "interval", "runHours and count");
      refuse(map, kind, "above", "runHours and count");
    }
    if (kind == AlarmKind.TREND || kind == AlarmKind.DISAGREEMENT) {
      numeric(map, "tag", tag, kind);
      numeric(map, "against", against, kind);
    }
    return new Maintenance(holdFor, tolerance, guard, trend, interval, above);
  }

  private static void refuse(YamlMap map, AlarmKind kind, String key, String kinds) {
    if (map.has(key)) {
      map.error(key, "only " + kinds + " alarms have '" + key + "'; a " + kind.configWord()
          + " alarm does not: remove it");
    }
  }

  /** A trend or disagreement needs numbers: refuses a tag known to carry something else. */
  private void numeric(YamlMap map, String key, @Nullable String tag, AlarmKind kind) {
    if (tag != null && nonNumeric.contains(tag)) {
      map.error(key, "tag " + tag + " does not carry numbers (boolean, text or enum states); a "
          + kind.configWord() + " alarm needs a numeric tag");
    }
  }

  private AlarmRuleConfig.@Nullable Suppression suppression(YamlMap rule) {
    YamlMap map = rule.map("suppressWhen", SUPPRESS_KEYS);
    if (map == null) {
      return null;
    }
    String tag = tag(map, "tag");
    String equals = map.required("equals", "false");
    return tag == null || equals == null ? null
        : new AlarmRuleConfig.Suppression(tag, equals.strip());
  }

  /** A required reference to a configured tag, {@code area/path}. */
  private @Nullable String tag(YamlMap map, String key) {
    String tag = map.required(key, "calcination/rhk01/zone05/temperature (area/path of a tag)");
    if (tag == null) {
      return null;
    }
    String trimmed = tag.strip();
    if (!tagPaths.contains(trimmed)) {
      int slash = trimmed.indexOf('/');
      if (slash > 0 && problems.follows(trimmed.substring(slash))) {
        return null;
      }
      String near = Names.closest(trimmed, tagPaths);
      map.error(key, "no tag '" + trimmed + "' is configured; write the area and the tag's path, "
          + (near != null ? "e.g. '" + near + "'" : "e.g. calcination/rhk01/zone05/temperature"));
      return null;
    }
    return trimmed;
  }

  private static String defaultMessage(String tag, AlarmKind kind, @Nullable Double limit,
      @Nullable String equals, Maintenance m) {
    String what = switch (kind) {
      case HI, HIHI -> "above " + Scalars.format(limit == null ? 0 : limit);
      case LO, LOLO -> "below " + Scalars.format(limit == null ? 0 : limit);
      case DEVIATION -> "deviates by more than " + Scalars.format(limit == null ? 0 : limit);
      case RATE -> "changes faster than " + Scalars.format(limit == null ? 0 : limit) + "/min";
      case DISCRETE -> "is " + equals;
      case BAD_QUALITY, CONDITION, COMMUNICATION -> "has bad quality";
      case DISAGREEMENT -> "disagrees with its twin by more than "
          + Scalars.format(limit == null ? 0 : limit) + ": check both sensors";
      case FROZEN -> "is stuck at one value while the process runs: check the sensor";
      case TREND -> "is heading for " + Scalars.format(limit == null ? 0 : limit);
      case STALE -> "has had no new value for "
          + (m.holdFor() == null ? "too long" : Durations.format(m.holdFor()));
      case RUN_HOURS -> "reached its service interval of "
          + Scalars.format(m.interval() == null ? 0 : m.interval()) + " running hours";
      case COUNT -> "reached its service interval of "
          + Scalars.format(m.interval() == null ? 0 : m.interval()) + " counts";
    };
    return tag + " " + what;
  }
}
