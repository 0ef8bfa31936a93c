package io.floorgate.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every SLF4J call in the project's sources has as many arguments as its message has
 * {@code {}} (a trailing exception aside): an unfilled placeholder ("lost ({}); reconnecting")
 * tells the operator nothing.
 */
class LogCallsTest {

  private static final Pattern CALL =
      Pattern.compile("\\b(?:log|LOG|logger|AUDIT)\\.(?:trace|debug|info|warn|error)\\(");
  private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern THROWABLE =
      Pattern.compile("e|ex|t|cause|failure|error|again|exception");

  @Test
  void everyPlaceholderOfEveryLogCallIsFilled() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent().getParent();
    List<String> mismatched = new ArrayList<>();
    int calls = 0;
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")
          && p.toString().contains("/src/main/java/")).toList()) {
        String src = read(file);
        Matcher m = CALL.matcher(src);
        while (m.find()) {
          List<String> args = arguments(src, m.end());
          String format = args.get(0);
          if (!format.contains("\"")) {
            continue; // a message built beforehand: nothing to count
          }
          calls++;
          int holes = 0;
          Matcher lit = LITERAL.matcher(format);
          while (lit.find()) {
            holes += lit.group(1).split("\\{}", -1).length - 1;
          }
          int given = args.size() - 1;
          boolean lastThrows = given > 0 && THROWABLE.matcher(args.get(given).strip()).matches();
          if (holes != given && !(lastThrows && holes == given - 1)) {
            long line = src.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            mismatched.add(root.relativize(file) + ":" + line + ": " + holes + " placeholders, "
                + given + " arguments");
          }
        }
      }
    }
    assertTrue(calls > 100, "found only " + calls + " log calls under " + root);
    assertEquals(List.of(), mismatched);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The top-level arguments of the call whose '(' ends before {@code from}. */
  private static List<String> arguments(String src, int from) {
    List<String> args = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int depth = 0;
    boolean inString = false;
    for (int i = from; i < src.length(); i++) {
      char c = src.charAt(i);
      if (inString) {
        current.append(c);
        if (c == '\\') {
          current.append(src.charAt(++i));
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      if (c == '"') {
        inString = true;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        if (depth == 0) {
          break;
        }
        depth--;
      } else if (c == ',' && depth == 0) {
        args.add(current.toString());
        current.setLength(0);
        continue;
      }
      current.append(c);
    }
    args.add(current.toString());
    return args;
  }
}
