package io.floorgate.alarm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What an alarm is: a configured rule or a PLC condition, its ISA-95 area, and the levels below
 * the area (for a rule the watched tag's path levels then the rule's name; for a condition the
 * connection, {@code conditions}, then the condition's name). Its string form is the alarm's id
 * everywhere outside the engine: {@link Alarm#id()}, {@code /api/alarms/{id}}, the state file, and
 * (with '/' for '.') the MQTT topic levels of {@link AlarmTopics}.
 *
 * <h2>String form</h2>
 * The area and the levels joined by '.'. Inside the area or a level, '~' quotes the character after
 * it: a '.' is written {@code ~.} and a '~' is written {@code ~~}. So every bare '.' separates two
 * levels and the string splits back into exactly the levels it was made of: two different ids never
 * share a string, and {@link #parse} gives back the id. Levels may hold only the characters a URL
 * path and an MQTT topic level both take as they are (a-z, A-Z, 0-9, '-', '_', '.', '~'), and
 * letters and digits of other scripts, as tag paths may ({@code 炉/炉温}): MQTT takes them as
 * UTF-8 and {@code /api/alarms/{id}} percent-decoded, as clients send them.
 *
 * <p>Before this type, ids were {@code (area/path/name).replace('/', '.')}: {@code a.b/c} and
 * {@code a/b.c} shared one. The config allows only a-z, 0-9, '-' and '_' in an area, a connection
 * name, a tag path level or a rule name ({@code config/Names.LEVEL}), so every id the gateway makes
 * from its config needs no quoting and is written exactly as before —
 * {@code calcination.rhk01.zone05.temperature.hi}, {@code calcination.rhk01.conditions.overtemp}
 * — and consoles, API URLs, retained topics and state files keep working. The one exception
 * follows.
 *
 * <h2>Conditions</h2>
 * A PLC condition is {@code area.connection.conditions.name}, as before: the bare word
 * {@code conditions} as the second of exactly three levels below the area says "condition". A rule
 * can have that shape too (tag {@code calcination/rhk01/conditions}, name {@code hi}); before, it
 * got the very id of connection rhk01's condition {@code hi}, and a reload took any rule with a
 * {@code .conditions.} in its id for a condition. Now such a rule's {@code conditions} level is
 * written quoted: {@code calcination.rhk01.~conditions.hi}. The marker is one no config can
 * produce — a tag level cannot hold '~' — and it sits on the rare rule, not on the condition, so
 * that the many condition ids (their URLs, retained topics and saved states) stay as they were. A
 * rule with {@code conditions} anywhere else ({@code calcination.k.conditions.o2.hi}) cannot be
 * taken for a condition and is written as before. A state file of an earlier version may name a
 * rule of the ambiguous shape unquoted; {@link AlarmStore} tells it from a condition by its saved
 * type.
 *
 * @param origin whether a configured rule or a PLC condition
 * @param area   the ISA-95 area
 * @param levels the levels below the area, the name last; for a condition exactly
 *               {@code connection, conditions, name}
 */
public record AlarmId(Origin origin, String area, List<String> levels) {

  /** Where an alarm comes from. */
  public enum Origin {
    /** A rule under {@code alarms.rules}, evaluated by the gateway. */
    RULE,
    /** A PLC's own alarm (OPC UA Alarms &amp; Conditions), followed as the PLC reports it. */
    CONDITION
  }

  /** The level between a condition's connection and its name. */
  static final String CONDITIONS = "conditions";

  private static final Pattern LEVEL = Pattern.compile("[\\p{L}\\p{M}\\p{Nd}A-Za-z0-9._~-]+");
  private static final char SEPARATOR = '.';
  private static final char QUOTE = '~';

  public AlarmId {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(area, "area");
    levels = List.copyOf(levels);
    check("area", area);
    for (String level : levels) {
      check("level", level);
    }
    if (levels.isEmpty()) {
      throw new IllegalArgumentException("alarm id in area " + area + " has no name");
    }
    if (origin == Origin.CONDITION && !conditionShape(levels)) {
      throw new IllegalArgumentException("a condition's levels are connection, " + CONDITIONS
          + ", name; not " + levels);
    }
  }

  /** A configured rule's id: the tag's path levels below the area, then the rule's name. */
  public static AlarmId rule(String area, List<String> levels) {
    return new AlarmId(Origin.RULE, area, levels);
  }

  /** A PLC condition's id: {@code area.connection.conditions.name}. */
  public static AlarmId condition(String area, String connection, String name) {
    return new AlarmId(Origin.CONDITION, area, List.of(connection, CONDITIONS, name));
  }

  /**
   * The id whose string form is {@code text}; only the form {@link #toString} writes is taken, so
   * that one alarm never answers to two strings.
   *
   * @throws IllegalArgumentException when {@code text} is not an alarm id, saying why
   */
  public static AlarmId parse(String text) {
    List<String> written = new ArrayList<>();
    List<String> plain = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    StringBuilder p = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == SEPARATOR) {
        written.add(w.toString());
        plain.add(p.toString());
        w.setLength(0);
        p.setLength(0);
      } else if (c == QUOTE) {
        if (++i == text.length()) {
          throw invalid(text, "it ends in a lone '~'; a '~' in a level is written '~~'");
        }
        w.append(c).append(text.charAt(i));
        p.append(text.charAt(i));
      } else {
        w.append(c);
        p.append(c);
      }
    }
    written.add(w.toString());
    plain.add(p.toString());
    if (plain.size() < 2) {
      throw invalid(text, "it needs an area and a name at least, e.g. "
          + "calcination.rhk01.zone05.temperature.hi");
    }
    // The quoted ~conditions of a rule is not the bare word: compare the levels as written.
    boolean condition = written.size() == 4 && written.get(2).equals(CONDITIONS);
    AlarmId id;
    try {
      id = new AlarmId(condition ? Origin.CONDITION : Origin.RULE, plain.get(0),
          plain.subList(1, plain.size()));
    } catch (IllegalArgumentException e) {
      throw invalid(text, e.getMessage());
    }
    if (!id.toString().equals(text)) {
      throw invalid(text, "it is not written as the gateway writes it: " + id);
    }
    return id;
  }

  /** The id whose string form is {@code text}; null when it is none. */
  static @Nullable AlarmId tryParse(String text) {
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  public boolean isCondition() {
    return origin == Origin.CONDITION;
  }

  /** The rule's or condition's name: the last level. */
  public String name() {
    return levels.get(levels.size() - 1);
  }

  /**
   * The string form cut at its separators: the area, then each level as written (quoted). These
   * are the MQTT topic levels, so a topic and its id name each other.
   */
  List<String> parts() {
    List<String> parts = new ArrayList<>(levels.size() + 1);
    parts.add(quote(area));
    for (int i = 0; i < levels.size(); i++) {
      boolean looksLikeCondition = origin == Origin.RULE && i == 1 && conditionShape(levels);
      parts.add(looksLikeCondition ? QUOTE + levels.get(i) : quote(levels.get(i)));
    }
    return parts;
  }

  /** The string form: {@code calcination.rhk01.zone05.temperature.hi}. */
  @Override
  public String toString() {
    return String.join(String.valueOf(SEPARATOR), parts());
  }

  private static boolean conditionShape(List<String> levels) {
    return levels.size() == 3 && levels.get(1).equals(CONDITIONS);
  }

  private static String quote(String level) {
    if (level.indexOf(SEPARATOR) < 0 && level.indexOf(QUOTE) < 0) {
      return level;
    }
    StringBuilder b = new StringBuilder(level.length() + 4);
    for (int i = 0; i < level.length(); i++) {
      char c = level.charAt(i);
      if (c == SEPARATOR || c == QUOTE) {
        b.append(QUOTE);
      }
      b.append(c);
    }
    return b.toString();
  }

  private static void check(String what, String level) {
    if (!LEVEL.matcher(level).matches()) {
      throw new IllegalArgumentException(what + " '" + level + "' must be 1 or more of a-z, A-Z, "
          + "0-9, '-', '_', '.', '~'");
    }
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException("'" + text + "' is not an alarm id: " + why);
  }
}
