package io.floorgate.api;

import io.floorgate.alarm.Alarm;
import io.floorgate.alarm.AlarmState;
import io.floorgate.config.AlarmClass;
import io.floorgate.config.AlarmPriority;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The query of {@code GET /api/alarms} as a predicate: {@code active=true|false},
 * {@code state=…}, {@code priority=…} and {@code class=process|maintenance} (comma-separated, any case), all of which must hold.
 * Anything else is refused with what is allowed, so that a typo never silently lists every alarm.
 */
final class AlarmFilter {

  private static final Set<String> PARAMETERS = Set.of("active", "state", "priority", "class");

  private AlarmFilter() {}

  /** @throws IllegalArgumentException naming the parameter or value and what is allowed */
  static Predicate<Alarm> of(Map<String, List<String>> query) {
    Predicate<Alarm> filter = a -> true;
    for (Map.Entry<String, List<String>> p : query.entrySet()) {
      String name = p.getKey();
      List<String> values = p.getValue().stream()
          .flatMap(v -> Arrays.stream(v.split(",")))
          .map(v -> v.strip().toUpperCase(Locale.ROOT))
          .filter(v -> !v.isEmpty())
          .toList();
      filter = filter.and(switch (name) {
        case "active" -> active(values);
        case "state" -> {
          Set<AlarmState> states = parse(AlarmState.class, name, values);
          yield a -> states.contains(a.state());
        }
        case "priority" -> {
          Set<AlarmPriority> priorities = parse(AlarmPriority.class, name, values);
          yield a -> priorities.contains(a.priority());
        }
        case "class" -> {
          Set<AlarmClass> classes = parse(AlarmClass.class, name, values);
          yield a -> classes.contains(a.alarmClass());
        }
        default -> throw new IllegalArgumentException("unknown query parameter '" + name
            + "'; /api/alarms takes " + String.join(", ", PARAMETERS.stream().sorted().toList())
            + ", e.g. /api/alarms?active=true&priority=high,urgent");
      });
    }
    return filter;
  }

  private static Predicate<Alarm> active(List<String> values) {
    if (values.size() != 1 || !(values.get(0).equals("TRUE") || values.get(0).equals("FALSE"))) {
      throw new IllegalArgumentException("'active' must be true (the condition is present) or "
          + "false, e.g. /api/alarms?active=true");
    }
    boolean wanted = values.get(0).equals("TRUE");
    return a -> a.active() == wanted;
  }

  private static <E extends Enum<E>> Set<E> parse(Class<E> type, String name,
      List<String> values) {
    E[] known = type.getEnumConstants();
    if (values.isEmpty()) {
      throw new IllegalArgumentException("'" + name + "' is empty; give one or more of "
          + names(known));
    }
    Set<E> wanted = EnumSet.noneOf(type);
    for (String v : values) {
      E e = Arrays.stream(known).filter(k -> k.name().equals(v)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("'" + name + "' has no value '"
              + v.toLowerCase(Locale.ROOT) + "'; give one or more of " + names(known)));
      wanted.add(e);
    }
    return wanted;
  }

  private static String names(Enum<?>[] known) {
    return Arrays.stream(known).map(k -> k.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }
}
