package io.floorgate.config;

import io.floorgate.driver.ConfigSection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One YAML mapping, read as typed settings. Every getter that meets something wrong records an
 * error with the value's line and carries on: optional settings then return their default,
 * required ones null. Scalars have {@code ${VAR}} substituted before they are converted, so a
 * number or a duration may come from the environment.
 */
final class YamlMap implements ConfigSection {

  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(?:\\d[\\d_]*(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");

  private final Node node;
  private final String path;
  private final Problems problems;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
  /** Known keys offered for a misspelt one: their absence is already reported. */
  private final Set<String> suggested = new HashSet<>();

  private YamlMap(Node node, String path, Problems problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  /**
   * Reads {@code node} as a mapping whose keys must be among {@code known} (any key when
   * {@code known} is null). Duplicate and unknown keys are errors. An empty value reads as an
   * empty mapping; anything else that is not a mapping is an error, and gives null.
   */
  static @Nullable YamlMap of(
      Node node, String path, Problems problems, @Nullable List<String> known) {
    YamlMap map = new YamlMap(node, path, problems);
    if (Scalars.isNull(node)) {
      return map;
    }
    if (!(node instanceof MappingNode mapping)) {
      problems.add(node, path, "expected settings (key: value lines)"
          + (known == null ? "" : " such as " + String.join(", ", known)) + ", found "
          + Scalars.describe(node));
      return null;
    }
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode scalarKey)) {
        problems.add(keyNode, path,
            "a key must be a plain name, found " + Scalars.describe(keyNode));
        continue;
      }
      String key = scalarKey.getValue();
      NodeTuple first = map.entries.get(key);
      if (first != null) {
        problems.add(keyNode, map.child(key), "appears twice (first at line "
            + Problems.line(first.getKeyNode()) + "); keep one");
      } else if (known != null && !known.contains(key)) {
        String near = Names.closest(key, known);
        if (near != null) {
          map.suggested.add(near);
        }
        problems.add(keyNode, path, "unknown key '" + key + "'; " + (near != null
            ? "did you mean '" + near + "'?"
            : "known keys here: " + String.join(", ", known)));
      } else {
        map.entries.put(key, tuple);
      }
    }
    return map;
  }

  @Override
  public String path() {
    return path;
  }

  Node node() {
    return node;
  }

  Problems problems() {
    return problems;
  }

  String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** Whether the key is present with a non-empty value. */
  @Override
  public boolean has(String key) {
    return value(key) != null;
  }

  /** The key's value node, or null when absent or empty. */
  @Nullable Node value(String key) {
    NodeTuple tuple = entries.get(key);
    return tuple == null || Scalars.isNull(tuple.getValueNode()) ? null : tuple.getValueNode();
  }

  /** The entries in file order, for mappings with free-form keys such as {@code enum}. */
  List<NodeTuple> entries() {
    return List.copyOf(entries.values());
  }

  /** Records an error about the key, at its value's line (or the key's, or this mapping's). */
  @Override
  public void error(String key, String message) {
    NodeTuple tuple = entries.get(key);
    problems.add(tuple == null ? node : tuple.getValueNode(), child(key), message);
  }

  /** Records a warning about the key, at its value's line: allowed, but probably not meant. */
  void warning(String key, String message) {
    NodeTuple tuple = entries.get(key);
    problems.warn(tuple == null ? node : tuple.getValueNode(), child(key), message);
  }

  /** An optional text value, substituted; null when absent or wrong. */
  @Override
  public @Nullable String string(String key) {
    Node value = value(key);
    return value == null ? null : Scalars.scalar(value, child(key), problems);
  }

  /** A required text value; an error naming an example when missing or empty. */
  @Override
  public @Nullable String required(String key, String example) {
    if (value(key) == null) {
      missing(key, "add " + key + ": " + example);
      return null;
    }
    String text = string(key);
    if (text != null && text.isBlank()) {
      error(key, "is empty; e.g. " + key + ": " + example);
      return null;
    }
    return text;
  }

  @Override
  public Duration duration(String key, Duration fallback, Duration min, Duration max) {
    String text = string(key);
    if (text == null) {
      return fallback;
    }
    try {
      Duration d = Durations.parse(text);
      if (d.compareTo(min) < 0) {
        error(key, Durations.format(d) + " is below the minimum of " + Durations.format(min)
            + "; use " + Durations.format(min) + " or more");
      } else if (d.compareTo(max) > 0) {
        error(key, Durations.format(d) + " is above the maximum of " + Durations.format(max)
            + "; use " + Durations.format(max) + " or less");
      } else {
        return d;
      }
    } catch (IllegalArgumentException e) {
      error(key, e.getMessage());
    }
    return fallback;
  }

  @Override
  public int integer(String key, int fallback, long min, long max) {
    String text = string(key);
    if (text == null) {
      return fallback;
    }
    Long n = Scalars.wholeNumber(text);
    if (n == null) {
      error(key, "'" + text + "' is not a whole number; write a number such as " + fallback);
    } else if (n < min) {
      error(key, text + " is below the minimum of " + min + "; use " + min + " or more");
    } else if (n > max) {
      error(key, text + " is above the maximum of " + max + "; use " + max + " or less");
    } else {
      return n.intValue();
    }
    return fallback;
  }

  /** A number; null when absent (an error if {@code required}) or not a finite number. */
  @Nullable Double number(String key, boolean required) {
    if (required && value(key) == null) {
      missing(key, "add " + key + ": <number>");
      return null;
    }
    String text = string(key);
    if (text == null) {
      return null;
    }
    String trimmed = text.strip();
    if (!DECIMAL.matcher(trimmed).matches()) {
      error(key, "'" + text + "' is not a number; write digits such as 0.5 or 1100");
      return null;
    }
    double number = Double.parseDouble(trimmed.replace("_", ""));
    if (!Double.isFinite(number)) {
      // 1e400 parses as infinity, which every comparison and scaling would then carry along.
      error(key, "'" + text.strip() + "' is beyond the largest number the gateway holds ("
          + "about 1.8e308); write the value in the tag's engineering unit, e.g. 1100");
      return null;
    }
    return number;
  }

  @Override
  public boolean bool(String key, boolean fallback) {
    String text = string(key);
    if (text == null) {
      return fallback;
    }
    switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        error(key, "'" + text + "' is not true or false");
        return fallback;
    }
  }

  /**
   * One of a few words, matched ignoring case, e.g. {@code subscription}/{@code polling}; the
   * keys of {@code choices} are shown as written in messages.
   */
  <T> T choice(String key, T fallback, Map<String, T> choices) {
    String text = string(key);
    if (text == null) {
      return fallback;
    }
    T chosen = choices.get(text.strip().toLowerCase(Locale.ROOT));
    for (var entry : choices.entrySet()) {
      if (chosen == null && entry.getKey().equalsIgnoreCase(text.strip())) {
        chosen = entry.getValue();
      }
    }
    if (chosen == null) {
      String near = Names.closest(text.strip(), choices.keySet());
      Set<String> words = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
      words.addAll(choices.keySet());
      error(key, "'" + text + "' is not one of " + String.join(", ", words)
          + (near == null ? "" : "; did you mean '" + near + "'?"));
      return fallback;
    }
    return chosen;
  }

  @Override
  public @Nullable ConfigSection section(String key, List<String> known) {
    return map(key, known);
  }

  /** A nested mapping; null when absent or not a mapping. */
  @Nullable YamlMap map(String key, @Nullable List<String> known) {
    Node value = value(key);
    return value == null ? null : of(value, child(key), problems, known);
  }

  /** A list's items; empty when absent or not a list (an error then). */
  List<Node> list(String key) {
    Node value = value(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof SequenceNode sequence)) {
      error(key, "expected a list (lines starting with '- '), found " + Scalars.describe(value));
      return List.of();
    }
    return new ArrayList<>(sequence.getValue());
  }

  /** One scalar or a list of them ({@code to: a@x} or {@code to: [a@x, b@x]}), stripped; blanks left out. */
  List<String> words(String key) {
    Node value = value(key);
    if (value == null) {
      return List.of();
    }
    List<Node> nodes = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
    List<String> words = new ArrayList<>();
    for (Node node : nodes) {
      String word = Scalars.scalar(node, child(key), problems);
      if (word != null && !word.isBlank()) {
        words.add(word.strip());
      }
    }
    return words;
  }

  /** A list that must have items; an error that says what to add when it is missing or empty. */
  List<Node> nonEmptyList(String key, String advice) {
    Node value = value(key);
    if (value == null) {
      missing(key, advice);
      return List.of();
    }
    List<Node> items = list(key);
    if (items.isEmpty() && value instanceof SequenceNode) {
      error(key, "has no items; " + advice);
    }
    return items;
  }

  /**
   * Reports a required key as missing (or empty), at this mapping's line, unless a misspelling of
   * it has been reported already.
   */
  void missing(String key, String advice) {
    NodeTuple tuple = entries.get(key);
    if (tuple == null && suggested.contains(key)) {
      return;
    }
    problems.add(tuple == null ? node : tuple.getKeyNode(), child(key),
        (tuple == null ? "is missing; " : "has no value; ") + advice);
  }
}
