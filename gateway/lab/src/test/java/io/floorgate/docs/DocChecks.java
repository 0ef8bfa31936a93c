package io.floorgate.docs;

import io.floorgate.cli.FloorgateCli;
import io.floorgate.cli.FloorgateLab;
import io.floorgate.config.ConfigError;
import io.floorgate.config.ConfigException;
import io.floorgate.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The checks that keep the documentation true, each returning its findings as
 * {@code file:line: what is wrong}: YAML blocks against the real config loader, Floorgate command
 * lines against the real command-line parser, and relative links and anchors against the files.
 * The conventions are described in docs/README.md, "How the documentation is kept true".
 */
final class DocChecks {

  /** First line of a YAML block that shows part of a file: it is checked merged into the plant. */
  static final String FRAGMENT = "# fragment";

  /** The plant every fragment is merged into (by {@code extends:}), in config/. */
  static final String PLANT = "isohara.yaml";

  /** Files the examples name that exist on a site, not in the repository (CA, password files). */
  private static final String SITE_FILE = "does not exist or is not a file";

  /** Secrets the examples take from the environment: values that pass the gateway's checks. */
  static final Map<String, String> ENV = Map.of(
      "FLOORGATE_API_TOKEN", "9f3c2a7e51b84d06c1e9a4f27b3d8065",
      "FLOORGATE_MQTT_PASSWORD", "Qm7-vR2x-Lp9z-Hc4w",
      "FLOORGATE_PLC_PASSWORD", "Tn5-kW8q-Zr3e-Yb6d",
      "FLOORGATE_SMTP_PASSWORD", "Wd4-pK7s-Xn2v-Jf8r");

  private final Path root;

  /** @param root the repository's root: config/ holds the plant fragments are merged into */
  DocChecks(Path root) {
    this.root = root;
  }

  List<String> yaml(Markdown page) {
    List<String> problems = new ArrayList<>();
    for (Markdown.Block block : page.blocks()) {
      if (!block.lang().equals("yaml") && !block.lang().equals("yml")) {
        continue;
      }
      boolean fragment = !block.lines().isEmpty() && block.lines().get(0).strip().equals(FRAGMENT);
      String text = fragment ? "extends: " + PLANT + "\n" + block.text() : block.text();
      // Lines in the loader's errors are the block's; with "extends:" added, one more.
      int offset = block.firstLine() - (fragment ? 2 : 1);
      String source = page.name();
      try {
        ConfigLoader.parse(text, source, ENV, name -> {
          Path base = root.resolve("config").resolve(name);
          return Files.isRegularFile(base)
              ? new ConfigLoader.Base("config/" + name, Files.readString(base)) : null;
        });
      } catch (ConfigException e) {
        for (ConfigError error : e.errors()) {
          if (error.message().contains(SITE_FILE)) {
            continue;
          }
          boolean ours = error.source().equals(source) && error.line() > 0;
          problems.add(source + ":" + (ours ? error.line() + offset : block.firstLine())
              + ": yaml block does not pass check: " + error.format());
        }
      }
    }
    return problems;
  }

  List<String> commands(Markdown page) {
    List<String> problems = new ArrayList<>();
    for (Markdown.Block block : page.blocks()) {
      if (!block.lang().equals("bash") && !block.lang().equals("sh")) {
        continue;
      }
      for (ShellCommands.Invocation command : ShellCommands.of(block)) {
        String problem = parseProblem(command);
        if (problem != null) {
          problems.add(page.name() + ":" + command.line() + ": " + command.text() + ": " + problem);
        }
      }
    }
    return problems;
  }

  /** What the real command-line parser says against a command line; null when it parses. */
  static String parseProblem(ShellCommands.Invocation command) {
    CommandLine cli = command.app() == ShellCommands.App.LAB
        ? new CommandLine(new FloorgateLab()) : new CommandLine(new FloorgateCli());
    try {
      cli.parseArgs(command.args().toArray(String[]::new));
      return null;
    } catch (CommandLine.ParameterException e) {
      return e.getMessage();
    }
  }

  /** Relative links that point at nothing, or at an anchor the page does not have. */
  List<String> links(Markdown page, Path file) {
    List<String> problems = new ArrayList<>();
    for (Markdown.Link link : page.links()) {
      String target = link.target();
      if (target.matches("[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
        continue; // https:, mailto:, file: … are not checked here
      }
      int hash = target.indexOf('#');
      String path = hash < 0 ? target : target.substring(0, hash);
      String anchor = hash < 0 ? null : target.substring(hash + 1);
      Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
      String where = page.name() + ":" + link.line() + ": link " + target;
      if (!Files.exists(resolved)) {
        problems.add(where + ": " + root.relativize(resolved) + " does not exist");
      } else if (anchor != null) {
        if (!resolved.toString().endsWith(".md")) {
          problems.add(where + ": an anchor in a file that is not Markdown");
        } else if (!anchors(resolved).contains(anchor)) {
          problems.add(where + ": " + root.relativize(resolved) + " has no heading #" + anchor
              + " (its anchors: " + anchors(resolved) + ")");
        }
      }
    }
    return problems;
  }

  private List<String> anchors(Path md) {
    try {
      return List.copyOf(Markdown.read(md, md.toString()).anchors());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
