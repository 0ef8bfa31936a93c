package io.floorgate.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documentation checks find what they are there to find: a broken link or anchor, a YAML key
 * the loader refuses, an option the CLI does not have — and pass what is right.
 */
class DocExtractionTest {

  private final DocChecks checks = new DocChecks(DocumentationTest.ROOT);

  @Test
  void anchorsFollowGithubsRules() {
    Markdown page = Markdown.of("p.md", """
        # Floorgate
        ## Try it: two commands
        ## MQTT 3.1.1 brokers
        ### `browse` and a vendor-like PLC (node-opcua)
        ```bash
        # not a heading
        ```
        ## Tests
        ## Tests
        ## Zählerstand, 炉温 & [the link](x.md)
        """);

    assertEquals(List.of("floorgate", "try-it-two-commands", "mqtt-311-brokers",
        "browse-and-a-vendor-like-plc-node-opcua", "tests", "tests-1", "zählerstand-炉温--the-link"),
        List.copyOf(page.anchors()));
  }

  @Test
  void aLinkToAMissingFileOrHeadingIsReportedWithItsLine(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("other.md"), "# Other\n## Store and forward\n");
    Path file = dir.resolve("page.md");
    Files.writeString(file, """
        # Page
        See [other](other.md#store-and-forward), [gone](missing.md), [here](#page),
        [wrong](other.md#faults), [web](https://example.org/x) and `[code](nowhere.md)`.
        """);

    List<String> problems = checks.links(Markdown.read(file, "page.md"), file);

    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("page.md:2: link missing.md: "), problems.get(0));
    assertTrue(problems.get(1).startsWith("page.md:3: link other.md#faults: "), problems.get(1));
    assertTrue(problems.get(1).contains("no heading #faults"), problems.get(1));
  }

  @Test
  void aYamlBlockWithAnUnknownKeyIsReportedAtItsLineInThePage() {
    Markdown page = Markdown.of("page.md", """
        Text.

        ```yaml
        # fragment
        buffer:
          maxBytes: 1GB
          maxBites: 2GB
        ```
        """);

    List<String> problems = checks.yaml(page);

    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("page.md:7: "), problems.get(0));
    assertTrue(problems.get(0).contains("maxBites"), problems.get(0));
  }

  @Test
  void aFragmentIsCheckedMergedIntoThePlantAndAWholeFileOnItsOwn() {
    Markdown fragment = Markdown.of("ok.md", """
        ```yaml
        # fragment
        uns: { form: batched, maxBatch: 200 }
        ```
        """);
    Markdown whole = Markdown.of("whole.md", """
        ```yaml
        uns: { form: batched, maxBatch: 200 }
        ```
        """);

    assertEquals(List.of(), checks.yaml(fragment));
    assertTrue(checks.yaml(whole).stream().anyMatch(p -> p.contains("connections")),
        "a whole file without connections is refused: " + checks.yaml(whole));
  }

  @Test
  void anUnknownOptionOrCommandIsReportedWithItsLine() {
    Markdown page = Markdown.of("page.md", """
        ```bash
        floorgate check --config config/isohara.yaml   # fine
        java -jar gateway/app/target/floorgate.jar run --config a.yaml --verbose
        sudo systemctl restart floorgate && floorgate trust --pki /var/lib/floorgate/pki
        java -jar floorgate-lab.jar sim --port 4841 \\
            --no-such-flag
        FLOORGATE_JAR=/opt/x.jar floorgate frobnicate
        java -jar floorgate.jar demo
        ```
        """);

    List<String> problems = checks.commands(page);

    assertEquals(4, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("page.md:3: ") && problems.get(0).contains("--verbose"),
        problems.get(0));
    assertTrue(problems.get(1).startsWith("page.md:5: ")
        && problems.get(1).contains("--no-such-flag"), problems.get(1));
    assertTrue(problems.get(2).startsWith("page.md:7: ")
        && problems.get(2).contains("frobnicate"), problems.get(2));
    // demo is a command of the lab's jar, not of the product's.
    assertTrue(problems.get(3).startsWith("page.md:8: ") && problems.get(3).contains("demo"),
        problems.get(3));
  }

  @Test
  void theKeysOfTheReferenceBlockAreFoundAndAMisspeltOneIsUnknown() throws IOException {
    Markdown reference = Markdown.of("configuration.md", """
        ## Every key

        ```
        Keys (default in [brackets])
        buffer:                     store-and-forward
          maxBytes                  [2GB] (1MB-10TB) readings queued at most, written as
                                    500MB, 2GB
          whenFull, replayRatee     [drop-oldest] what gives way
        connections:
          - name                    unique
        ```
        """);

    var keys = ConfigKeys.listed(reference);

    assertEquals(List.of("buffer", "maxBytes", "whenFull", "replayRatee", "connections", "name"),
        List.copyOf(keys));
    assertEquals(List.of("replayRatee"), ConfigKeys.unknown(keys, DocumentationTest.ROOT));
  }

  @Test
  void shellWordsKeepQuotesCommentsAndOperatorsApart() {
    assertEquals(List.of(List.of("floorgate", "check", "--config", "a b.yaml"),
            List.of("floorgate", "run", "--config", "x")),
        ShellCommands.commands("floorgate check --config 'a b.yaml' && floorgate run --config x"
            + " > log 2>&1 # then run"));
  }
}
