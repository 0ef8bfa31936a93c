package io.floorgate.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a rule's {@code suppressedBy:} (one reference or a list) and checks every reference: a
 * tag ({@code area/path}, it has a '/') must be configured, an alarm id ({@code area.path.name},
 * dots) must be one of the rules or a connection's communication alarm. Alarm ids may name a
 * rule further down the list, so they are checked once every rule has been read
 * ({@link #check}). Each error names the item's line and the nearest known name.
 */
final class SuppressedByReader {

  /** The last level of a connection's communication alarm id. */
  static final String COMMUNICATION = "communication";

  private record Reference(Node node, String path, String text, String rule) {}

  private final Problems problems;
  private final Set<String> tagPaths;
  private final List<Reference> alarmReferences = new ArrayList<>();

  SuppressedByReader(Problems problems, Set<String> tagPaths) {
    this.problems = problems;
    this.tagPaths = tagPaths;
  }

  /**
   * The references as written (stripped); tags are checked now, alarm ids by {@link #check}.
   *
   * @param ruleId the id of the rule being read ({@code area.path.name}), or null when it has
   *               errors of its own
   */
  List<String> read(YamlMap rule, @Nullable String ruleId) {
    Node value = rule.value("suppressedBy");
    if (value == null) {
      return List.of();
    }
    String key = rule.child("suppressedBy");
    List<Node> items = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    if (value instanceof SequenceNode sequence) {
      for (int i = 0; i < sequence.getValue().size(); i++) {
        items.add(sequence.getValue().get(i));
        paths.add(key + "[" + i + "]");
      }
    } else {
      items.add(value);
      paths.add(key);
    }
    List<String> references = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String text = Scalars.scalar(items.get(i), paths.get(i), problems);
      if (text == null || text.isBlank()) {
        if (text != null) {
          problems.add(items.get(i), paths.get(i), "is empty; name a tag "
              + "(calcination/rhk01/standby) or an alarm id (calcination.rhk01.mode.standby)");
        }
        continue;
      }
      String reference = text.strip();
      if (reference.indexOf('/') >= 0) {
        tag(items.get(i), paths.get(i), reference);
      } else if (reference.equals(ruleId)) {
        problems.add(items.get(i), paths.get(i), "the alarm " + reference + " cannot suppress "
            + "itself; name another alarm or a tag");
      } else {
        alarmReferences.add(new Reference(items.get(i), paths.get(i), reference,
            ruleId == null ? "" : ruleId));
      }
      references.add(reference);
    }
    return references;
  }

  private void tag(Node node, String path, String tag) {
    if (tagPaths.contains(tag)) {
      return;
    }
    String near = Names.closest(tag, tagPaths);
    problems.add(node, path, "no tag '" + tag + "' is configured; write the area and the tag's "
        + "path" + (near != null ? ", e.g. '" + near + "'" : ", e.g. calcination/rhk01/standby")
        + ", or an alarm id with dots");
  }

  /**
   * Checks the alarm ids referred to, once every rule is known.
   *
   * @param ruleIds      the ids of the configured rules
   * @param areaOf       each connection's area, for the ids of communication alarms
   * @param communication whether communication alarms are on
   */
  void check(Collection<String> ruleIds, Map<String, String> areaOf, boolean communication) {
    Set<String> known = new TreeSet<>(ruleIds);
    if (communication) {
      areaOf.forEach((connection, area) -> known.add(communicationId(area, connection)));
    }
    for (Reference r : alarmReferences) {
      if (known.contains(r.text())) {
        continue;
      }
      String near = Names.closest(r.text(), known);
      problems.add(r.node(), r.path(), "no alarm has the id '" + r.text() + "'; name a rule's "
          + "id (area.tag.path.name) or a connection's communication alarm "
          + "(area.connection.communication)" + (near != null ? ", e.g. '" + near + "'" : "")
          + (communication ? "" : " — communication alarms are off (alarms.communication"
          + ".enabled: false)"));
    }
  }

  /**
   * Refuses a rule whose id is a connection's communication alarm's (a rule named
   * {@code communication} on a tag whose path is the connection's name).
   *
   * @param ids every rule as {@code area/path/name}, with its line
   */
  void clashes(Map<String, Integer> ids, Map<String, String> areaOf, boolean communication) {
    if (!communication) {
      return;
    }
    areaOf.forEach((connection, area) -> {
      Integer line = ids.get(area + "/" + connection + "/" + COMMUNICATION);
      if (line != null) {
        problems.add(line, "alarms.rules", "the alarm " + communicationId(area, connection)
            + " is connection " + connection + "'s communication alarm; give this rule another "
            + "name:");
      }
    });
  }

  /** The id of a rule's alarm as the alarm engine writes it, from the config's words. */
  static String ruleId(String tag, String name) {
    return tag.replace('/', '.') + "." + name;
  }

  static String communicationId(String area, String connection) {
    return area + "." + connection + "." + COMMUNICATION;
  }
}
