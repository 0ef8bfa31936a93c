package io.floorgate.config;

import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Rules for names that become MQTT topic levels, and "did you mean" suggestions. */
final class Names {

  /** One ISA-95 topic level: lowercase so that topics do not differ by case alone. */
  static final Pattern LEVEL = Pattern.compile("[a-z0-9_-]+");

  private Names() {}

  /** What is wrong with {@code value} as a topic level, with the fix; null when it is fine. */
  static @Nullable String levelProblem(String value) {
    if (value.isEmpty()) {
      return "is empty; give a name of a-z, 0-9, '-' or '_'";
    }
    if (LEVEL.matcher(value).matches()) {
      return null;
    }
    String fixed = asLevel(value);
    return "'" + value + "' may only contain a-z, 0-9, '-' and '_'"
        + (fixed.isEmpty() ? "" : "; write '" + fixed + "'");
  }

  /** What is wrong with a slash-separated tag path, naming the offending level; null if fine. */
  static @Nullable String pathProblem(String path) {
    if (path.isEmpty()) {
      return "is empty; give levels of a-z, 0-9, '-' or '_' separated by '/', e.g. rhk01/zone03/temperature";
    }
    String[] levels = path.split("/", -1);
    for (String level : levels) {
      if (!LEVEL.matcher(level).matches()) {
        StringBuilder fixed = new StringBuilder();
        for (String l : levels) {
          String f = asLevel(l);
          if (!f.isEmpty()) {
            fixed.append(fixed.length() == 0 ? "" : "/").append(f);
          }
        }
        String what = level.isEmpty()
            ? "has an empty level (a leading, trailing or double '/')"
            : "level '" + level + "' may only contain a-z, 0-9, '-' and '_'";
        return what + (fixed.length() == 0 ? "" : "; write '" + fixed + "'");
      }
    }
    return null;
  }

  /** What is wrong with a topic prefix; null when it is fine (empty is fine). */
  static @Nullable String topicPrefixProblem(String prefix) {
    if (prefix.isEmpty()) {
      return null;
    }
    if (prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("//")) {
      return "'" + prefix + "' must not start or end with '/' or contain '//'";
    }
    if (prefix.contains("+") || prefix.contains("#") || prefix.indexOf('\0') >= 0) {
      return "'" + prefix + "' must not contain the MQTT wildcards '+' or '#'";
    }
    return null;
  }

  /** The nearest valid level: lowercase, spaces and dots as '-', other characters dropped. */
  static String asLevel(String value) {
    String lower = value.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s.]+", "-");
    return lower.replaceAll("[^a-z0-9_-]", "");
  }

  /**
   * The known word closest to {@code word}: equal ignoring case, a prefix of at least three
   * characters, or within two edits. Null when nothing is close enough to be a useful hint.
   */
  static @Nullable String closest(String word, Collection<String> known) {
    String lower = word.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      String c = candidate.toLowerCase(Locale.ROOT);
      if (c.equals(lower)) {
        return candidate;
      }
      int d = distance(lower, c);
      if (lower.length() >= 3 && (c.startsWith(lower) || lower.startsWith(c))) {
        d = Math.min(d, 1);
      }
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return bestDistance <= Math.min(2, Math.max(1, word.length() / 3)) ? best : null;
  }

  // Levenshtein distance; the words are config keys, a few dozen characters at most.
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
