package io.floorgate.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The keys the configuration reference lists in its "Every key" block, and whether the loader (or
 * a driver) reads each of them.
 */
final class ConfigKeys {

  /** A key line: at most 19 spaces in, "- " for a list item, names, then 2+ spaces or ':'. */
  private static final Pattern KEY_LINE = Pattern.compile(
      "^ {0,19}(?:- )?([A-Za-z][A-Za-z0-9]*(?:, [A-Za-z][A-Za-z0-9]*)*):?(?: {2,}.*)?$");

  private ConfigKeys() {}

  /** Every key named in the first code block after the heading "## Every key". */
  static Set<String> listed(Markdown reference) {
    Set<String> keys = new LinkedHashSet<>();
    int heading = reference.lines().indexOf("## Every key");
    Markdown.Block block = reference.blocks().stream()
        .filter(b -> b.firstLine() > heading).findFirst().orElseThrow();
    for (String line : block.lines()) {
      Matcher m = KEY_LINE.matcher(line);
      if (m.matches()) {
        keys.addAll(List.of(m.group(1).split(", ")));
      }
    }
    return keys;
  }

  /** The keys no config reader or driver of the code names as a string. */
  static List<String> unknown(Set<String> keys, Path root) throws IOException {
    StringBuilder code = new StringBuilder();
    for (Path dir : List.of(root.resolve("gateway/core/src/main/java/io/floorgate/config"),
        root.resolve("drivers"))) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.filter(f -> f.toString().endsWith(".java"))
            .filter(f -> !f.toString().contains("/src/test/")).toList()) {
          code.append(Files.readString(f));
        }
      }
    }
    return keys.stream().filter(k -> code.indexOf("\"" + k + "\"") < 0).toList();
  }
}
