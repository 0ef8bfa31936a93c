package io.floorgate.config;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Single YAML values: substitution, whole numbers, emptiness, and how to name a node in text. */
final class Scalars {

  private static final Pattern WHOLE = Pattern.compile("[+-]?\\d[\\d_]*");

  private Scalars() {}

  /** A scalar's text with {@code ${VAR}} substituted; null (and an error) otherwise. */
  static @Nullable String scalar(Node value, String path, Problems problems) {
    if (!(value instanceof ScalarNode scalar)) {
      problems.add(value, path, "expected a single value, found " + describe(value));
      return null;
    }
    try {
      return EnvSubstitution.apply(scalar.getValue(), problems.env());
    } catch (IllegalArgumentException e) {
      problems.add(value, path, e.getMessage());
      return null;
    }
  }

  static @Nullable Long wholeNumber(String text) {
    String trimmed = text.strip();
    if (!WHOLE.matcher(trimmed).matches()) {
      return null;
    }
    try {
      return Long.valueOf(trimmed.replace("_", ""));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A number as a reader wrote it: {@code 0}, not {@code 0.0}. */
  static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value) : Double.toString(value);
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag())
        && scalar.isPlain();
  }

  static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "settings (key: value lines)";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    return node instanceof ScalarNode scalar ? "the value '" + scalar.getValue() + "'" : "nothing";
  }
}
