package io.floorgate.config;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which alarms a route takes ({@code match:}): each given field must hold, and a field with a
 * list holds when any of its items does; an empty match takes every alarm.
 *
 * @param areas      the alarm's area (the level below the site), e.g. {@code calcination}
 * @param equipment  the level below the area in the alarm's path, e.g. {@code rhk01}
 * @param classes    process or maintenance
 * @param priorities the alarm's priority
 * @param rules      globs over the alarm id ({@code calcination.rhk01.*.hi}; {@code *} any text)
 */
public record AlarmMatch(List<String> areas, List<String> equipment, List<AlarmClass> classes,
    List<AlarmPriority> priorities, List<String> rules) {

  public AlarmMatch {
    areas = List.copyOf(areas);
    equipment = List.copyOf(equipment);
    classes = List.copyOf(classes);
    priorities = List.copyOf(priorities);
    rules = List.copyOf(rules);
  }

  /** Every alarm. */
  public static AlarmMatch any() {
    return new AlarmMatch(List.of(), List.of(), List.of(), List.of(), List.of());
  }

  /**
   * Whether an alarm matches.
   *
   * @param id the alarm id, {@code area.tag.levels.name}
   */
  public boolean matches(String area, String equipmentLevel, AlarmClass alarmClass,
      AlarmPriority priority, String id) {
    return (areas.isEmpty() || areas.contains(area))
        && (equipment.isEmpty() || equipment.contains(equipmentLevel))
        && (classes.isEmpty() || classes.contains(alarmClass))
        && (priorities.isEmpty() || priorities.contains(priority))
        && (rules.isEmpty() || rules.stream().anyMatch(glob -> glob(glob).matcher(id).matches()));
  }

  /** A glob as a pattern: {@code *} any text, {@code ?} one character, the rest literal. */
  static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
  }

  @Override
  public String toString() {
    return String.join(", ", List.of(
        areas.isEmpty() ? "" : "area " + areas,
        equipment.isEmpty() ? "" : "equipment " + equipment,
        classes.isEmpty() ? "" : "class " + classes.toString().toLowerCase(Locale.ROOT),
        priorities.isEmpty() ? "" : "priority " + priorities.toString().toLowerCase(Locale.ROOT),
        rules.isEmpty() ? "" : "rule " + rules).stream().filter(s -> !s.isEmpty()).toList());
  }
}
