package io.floorgate.config;

import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Rules for names that become MQTT topic levels, and "did you mean" suggestions. */
final class Names {

  /** One ISA-95 topic level: lowercase so that topics do not differ by case alone. */
  static final Pattern LEVEL = Pattern.compile("[a-z0-9_-]+");

  /**
   * One level of a tag path: letters of any script (MQTT topics are UTF-8, and at a Japanese or
   * German works most PLC names are not ASCII), digits, '-' and '_'. Still lowercase and in NFC,
   * so that two topics never differ by case or by how an accent was typed; never '/', '+', '#'
   * or a control character.
   */
  static final Pattern TAG_LEVEL = Pattern.compile("[\\p{L}\\p{M}\\p{Nd}_-]+");

  /**
   * The longest name of one topic level, Sparkplug id or topic prefix, in characters: far above
   * any real name, and low enough that no run of them comes near MQTT's 65,535-byte topic.
   */
  static final int MAX_LENGTH = 256;

  private Names() {}

  /** What is wrong with a name's length, showing its beginning only; null when it is fine. */
  static @Nullable String lengthProblem(String value) {
    if (value.length() <= MAX_LENGTH) {
      return null;
    }
    return "'" + value.substring(0, 24) + "…' is " + String.format(Locale.ROOT, "%,d",
        value.length()) + " characters long, above the limit of " + MAX_LENGTH + "; give a "
        + "shorter name (it becomes part of every MQTT topic)";
  }

  /** What is wrong with {@code value} as a topic level, with the fix; null when it is fine. */
  static @Nullable String levelProblem(String value) {
    if (value.isEmpty()) {
      return "is empty; give a name of a-z, 0-9, '-' or '_'";
    }
    if (value.length() > MAX_LENGTH) {
      return lengthProblem(value);
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
      return "is empty; give levels of lowercase letters, digits, '-' or '_' separated by '/', "
          + "e.g. rhk01/zone03/temperature";
    }
    String[] levels = path.split("/", -1);
    for (String level : levels) {
      if (level.length() > MAX_LENGTH) {
        return "level " + lengthProblem(level);
      }
      if (!isTagLevel(level)) {
        StringBuilder fixed = new StringBuilder();
        for (String l : levels) {
          String f = asTagLevel(l);
          if (!f.isEmpty()) {
            fixed.append(fixed.length() == 0 ? "" : "/").append(f);
          }
        }
        String what = level.isEmpty()
            ? "has an empty level (a leading, trailing or double '/')"
            : "level '" + level + "' may only contain lowercase letters (of any script), digits, "
                + "'-' and '_'";
        return what + (fixed.length() == 0 ? "" : "; write '" + fixed + "'");
      }
    }
    return null;
  }

  /** Whether {@code level} is a valid tag path level: see {@link #TAG_LEVEL}. */
  static boolean isTagLevel(String level) {
    return TAG_LEVEL.matcher(level).matches()
        && level.equals(level.toLowerCase(Locale.ROOT))
        && Normalizer.isNormalized(level, Normalizer.Form.NFC);
  }

  /**
   * The nearest valid tag path level: NFC, lowercase in any script, whitespace and dots as '-',
   * other characters dropped.
   */
  static String asTagLevel(String value) {
    String lower = Normalizer.normalize(value.strip(), Normalizer.Form.NFC)
        .toLowerCase(Locale.ROOT).replaceAll("[\\s.]+", "-");
    return Normalizer.normalize(lower.replaceAll("[^\\p{L}\\p{M}\\p{Nd}_-]", ""),
        Normalizer.Form.NFC);
  }

  /** What is wrong with a topic prefix; null when it is fine (empty is fine). */
  static @Nullable String topicPrefixProblem(String prefix) {
    if (prefix.isEmpty()) {
      return null;
    }
    if (prefix.length() > MAX_LENGTH) {
      return lengthProblem(prefix);
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
   * The known word closest to {@code word}: equal ignoring case, a few edits away (one for short
   * words, up to three for long ones; a swap of neighbours is one edit), or, failing that, one
   * that starts with it or that it starts with (at least three characters). Ties go to the word
   * that shares the longest beginning with it: {@code Basic256Sha265} is one swap from
   * {@code Basic256Sha256} and merely starts with {@code Basic256}. Null when nothing is close
   * enough to be a useful hint.
   */
  static @Nullable String closest(String word, Collection<String> known) {
    String lower = word.toLowerCase(Locale.ROOT);
    String best = null;
    Rank bestRank = null;
    for (String candidate : known) {
      String c = candidate.toLowerCase(Locale.ROOT);
      if (c.equals(lower)) {
        return candidate;
      }
      int edits = distance(lower, c);
      boolean prefix = edits > 1 && lower.length() >= 3
          && (c.startsWith(lower) || lower.startsWith(c));
      Rank rank = new Rank(prefix ? 1 : edits, prefix, commonPrefix(lower, c));
      if (bestRank == null || rank.compareTo(bestRank) < 0) {
        best = candidate;
        bestRank = rank;
      }
    }
    int allowed = word.length() <= 4 ? 1 : word.length() <= 8 ? 2 : 3;
    return bestRank != null && bestRank.distance() <= allowed ? best : null;
  }

  /** How near a candidate is: fewer edits, then real edits before a prefix, then a longer prefix. */
  private record Rank(int distance, boolean prefixOnly, int common) implements Comparable<Rank> {
    @Override
    public int compareTo(Rank o) {
      return distance != o.distance ? Integer.compare(distance, o.distance)
          : prefixOnly != o.prefixOnly ? Boolean.compare(prefixOnly, o.prefixOnly)
          : Integer.compare(o.common, common);
    }
  }

  private static int commonPrefix(String a, String b) {
    int n = Math.min(a.length(), b.length());
    int i = 0;
    while (i < n && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return i;
  }

  // Edit distance counting a swap of neighbours as one edit ("aera" is one typo from "area").
  // The words are config keys, a few dozen characters at most.
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
