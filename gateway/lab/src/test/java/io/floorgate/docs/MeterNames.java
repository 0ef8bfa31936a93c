package io.floorgate.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The Micrometer meter names {@code floorgate.…} the main sources register. */
final class MeterNames {

  private static final Pattern NAME = Pattern.compile("\"(floorgate(?:\\.[a-z0-9]+)+)\"");

  private MeterNames() {}

  /** Names in main sources that use Micrometer; file names ("floorgate.der") never occur there. */
  static List<String> inSources(Path root) throws IOException {
    TreeSet<String> names = new TreeSet<>();
    for (String module : List.of("gateway", "drivers")) {
      try (Stream<Path> files = Files.walk(root.resolve(module))) {
        files.filter(f -> f.toString().endsWith(".java"))
            .filter(f -> f.toString().contains("/src/main/java/"))
            .forEach(f -> {
              String text = read(f);
              if (text.contains("import io.micrometer.")) {
                Matcher m = NAME.matcher(text);
                while (m.find()) {
                  names.add(m.group(1));
                }
              }
            });
      }
    }
    names.remove("floorgate.audit"); // the audit logger's name, not a meter
    return List.copyOf(names);
  }

  /** Whether the reference names the meter in its Prometheus form, with or without a suffix. */
  static boolean documented(String meter, String reference) {
    String prometheus = meter.replace('.', '_');
    return Pattern.compile("`" + Pattern.quote(prometheus) + "(_total|_seconds|_bytes)?[`\\s(]")
        .matcher(reference).find();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
