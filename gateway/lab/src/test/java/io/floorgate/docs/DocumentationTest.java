package io.floorgate.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every page of the documentation (README.md, deploy/README.md and docs/**.md) shows only what
 * works: each YAML block passes the config loader {@code check} uses, each Floorgate command line
 * parses with the real command-line parser, and each relative link and anchor leads somewhere.
 */
class DocumentationTest {

  static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath()
      .resolve("../..").normalize();

  private final DocChecks checks = new DocChecks(ROOT);

  static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md"),
        ROOT.resolve("deploy/README.md")));
    try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  @Test
  void theDocumentationIsWhereTheReadmeSaysItIs() throws IOException {
    List<Path> pages = pages();
    assertTrue(pages.size() >= 20, "README, deploy/README and the docs/ pages: " + pages);
    pages.forEach(p -> assertTrue(Files.isRegularFile(p), p + " exists"));
  }

  @Test
  void everyYamlBlockPassesCheck() throws IOException {
    assertNoneIn(checks::yaml, "YAML blocks that `floorgate check` refuses");
  }

  @Test
  void everyFloorgateCommandLineParses() throws IOException {
    assertNoneIn(checks::commands, "command lines the CLI refuses");
  }

  @Test
  void everyRelativeLinkAndAnchorResolves() throws IOException {
    assertNone((page, file) -> checks.links(page, file), "links that lead nowhere");
  }

  @Test
  void everyMeterOfTheCodeIsInTheMetricsReference() throws IOException {
    String reference = Files.readString(ROOT.resolve("docs/reference/metrics.md"));
    List<String> meters = MeterNames.inSources(ROOT);
    assertTrue(meters.size() >= 25, "meters found in the code: " + meters);
    List<String> missing = meters.stream()
        .filter(m -> !MeterNames.documented(m, reference)).toList();
    assertTrue(missing.isEmpty(), "meters missing from docs/reference/metrics.md: " + missing);
  }

  @Test
  void everyKeyOfTheConfigurationReferenceIsOneTheLoaderReads() throws IOException {
    var keys = ConfigKeys.listed(Markdown.read(ROOT.resolve("docs/reference/configuration.md"),
        "docs/reference/configuration.md"));
    assertTrue(keys.size() >= 100, "keys found in the reference: " + keys);
    List<String> unknown = ConfigKeys.unknown(keys, ROOT);
    assertTrue(unknown.isEmpty(), "keys in docs/reference/configuration.md that no config reader "
        + "or driver reads: " + unknown);
  }

  private static void assertNoneIn(Function<Markdown, List<String>> check,
      String what) throws IOException {
    assertNone((page, file) -> check.apply(page), what);
  }

  private static void assertNone(BiFunction<Markdown, Path, List<String>> check, String what)
      throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path file : pages()) {
      problems.addAll(check.apply(Markdown.read(file, ROOT.relativize(file).toString()), file));
    }
    assertTrue(problems.isEmpty(), problems.size() + " " + what + ":\n"
        + String.join("\n", problems));
  }
}
