package io.floorgate.config;

import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * The configuration's naming rules, for tools that write configuration (such as
 * {@code floorgate import-tags}) and must say what is wrong in their own input, with its line,
 * before any YAML exists. The loader applies the same rules to the YAML itself.
 */
public final class ConfigRules {

  private ConfigRules() {}

  /**
   * What is wrong with a tag path (levels of lowercase letters of any script, digits, '-' and
   * '_', in Unicode NFC, separated by '/'), naming
   * the offending level and the nearest valid path; null when it is fine.
   */
  public static @Nullable String pathProblem(String path) {
    return Names.pathProblem(path);
  }

  /**
   * The nearest valid tag path level to a name found elsewhere (a PLC's browse name, a
   * spreadsheet cell): NFC, lowercase, whitespace and dots as '-', other characters dropped; empty
   * when nothing is left.
   */
  public static String asTagLevel(String name) {
    return Names.asTagLevel(name);
  }

  /**
   * The word of {@code known} that {@code word} most likely misspells (case, a prefix, a few
   * edits), for "did you mean" hints; null when none is close.
   */
  public static @Nullable String closest(String word, Collection<String> known) {
    return Names.closest(word, known);
  }
}
