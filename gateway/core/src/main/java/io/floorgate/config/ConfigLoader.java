package io.floorgate.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a YAML config file once into a validated {@link GatewayConfig}, or fails with every
 * error found, each with its line, the setting and what to change.
 *
 * <p>The YAML is composed into nodes first (SnakeYAML keeps each node's line), and
 * {@code ${VAR}} / {@code ${VAR:-default}} are substituted in scalar values afterwards, so that
 * line numbers are those of the file and a missing variable is reported where it is used. The
 * schema, with every key, default and bound, is documented in {@code config/isohara.yaml}.
 */
public final class ConfigLoader {

  /**
   * The largest config file: 60,000 tags, one line each, take 7.5 MB (and 14 s and 1 GB to
   * check), while a file of 50 MB took minutes and gigabytes (SnakeYAML's own default is 3 MB).
   */
  public static final int MAX_FILE_BYTES = 8_000_000;
  /**
   * The most values a config may hold once its aliases are expanded: some fifty per tag for
   * 100,000 tags, and far below what an alias bomb expands to.
   */
  public static final long MAX_EXPANDED_VALUES = 5_000_000;
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{[^}]*}");

  private ConfigLoader() {}

  /** A file an overlay names in {@code extends:}: its name in errors, and its text. */
  public record Base(String sourceName, String yaml) {}

  /** Finds the file an overlay extends; null when there is none of that name. */
  @FunctionalInterface
  public interface Bases {
    @Nullable Base find(String name) throws IOException;
  }

  /** Where a config given as text (not a file) finds what it extends: nowhere. */
  public static final Bases NO_BASES = name -> null;

  /**
   * A config that loaded, and what in it is allowed but probably not meant (such as {@code unit:
   * C}, coulomb, on a temperature).
   *
   * @param config   the validated config
   * @param warnings one per doubtful setting, in file order; {@link #warningLines()} to print
   */
  public record Checked(GatewayConfig config, List<ConfigError> warnings) {

    public Checked {
      warnings = List.copyOf(warnings);
    }

    /** Each warning as {@code source:line: path: warning: message}, the form of errors. */
    public List<String> warningLines() {
      return warnings.stream().map(w -> new ConfigError(w.source(), w.line(), w.path(),
          "warning: " + w.message()).format()).toList();
    }
  }

  /**
   * Loads a config file.
   *
   * @param file the YAML file; its name as given is the {@code source} of every error
   * @param env  the environment for {@code ${VAR}}, normally {@code System.getenv()}
   * @throws ConfigException when the file cannot be read or anything in it is wrong
   */
  public static GatewayConfig load(Path file, Map<String, String> env) throws ConfigException {
    return check(file, env).config();
  }

  /**
   * Loads a config file with its warnings, for {@code check} and {@code run} to print.
   *
   * @throws ConfigException when the file cannot be read or anything in it is wrong
   */
  public static Checked check(Path file, Map<String, String> env) throws ConfigException {
    String source = file.toString();
    String yaml;
    try {
      // Refused before it is read: a file that is not a config may be of any size.
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw single(source, tooLarge(size));
      }
      yaml = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw single(source, "no such file; check the path given with --config");
    } catch (CharacterCodingException e) {
      throw single(source, "is not UTF-8 text; save it as UTF-8");
    } catch (IOException e) {
      throw single(source, "cannot be read (" + e + "); check that the file exists and that "
          + "the gateway's user may read it");
    }
    Path dir = file.toAbsolutePath().getParent();
    return read(yaml, source, env, name -> {
      Path base = dir == null ? Path.of(name) : dir.resolve(name);
      return Files.isRegularFile(base)
          ? new Base(file.resolveSibling(name).toString(), Files.readString(base)) : null;
    });
  }

  /**
   * Parses config text.
   *
   * @param yaml       the YAML text
   * @param sourceName the name errors are reported against, e.g. the file name
   * @param env        the environment for {@code ${VAR}}
   * @throws ConfigException when anything in it is wrong
   */
  public static GatewayConfig parse(String yaml, String sourceName, Map<String, String> env)
      throws ConfigException {
    return parse(yaml, sourceName, env, NO_BASES);
  }

  /**
   * Parses config text that may extend another file ({@code extends: isohara.yaml}, see
   * {@link Overlay}).
   *
   * @param bases where the file it extends is found
   */
  public static GatewayConfig parse(String yaml, String sourceName, Map<String, String> env,
      Bases bases) throws ConfigException {
    return read(yaml, sourceName, env, bases).config();
  }

  /** Config text with its warnings. */
  static Checked read(String yaml, String sourceName, Map<String, String> env, Bases bases)
      throws ConfigException {
    Problems problems = new Problems(sourceName, env);
    Node root = compose(yaml, sourceName);
    String extended = Overlay.extendsOf(root);
    if (extended != null) {
      Base base;
      try {
        base = bases.find(extended);
      } catch (IOException e) {
        throw single(sourceName, "extends " + extended + ", which cannot be read (" + e + ")");
      }
      if (base == null) {
        throw single(sourceName, "extends " + extended + ", which does not exist; give the "
            + "path of the file it builds on, relative to this one");
      }
      Node baseRoot = compose(base.yaml(), base.sourceName());
      if (Overlay.extendsOf(baseRoot) != null) {
        throw single(base.sourceName(), "extends another file too; a config may build on a "
            + "plain file only, one level deep");
      }
      Overlay overlay = new Overlay();
      root = overlay.merge(baseRoot, Overlay.withoutExtends(root));
      problems.extended(overlay, base.sourceName());
    }
    GatewayConfig config = new ConfigReader(problems).read(root);
    problems.throwIfAny();
    if (config == null) {
      // Every path that gives null has recorded why; this guards against one that did not.
      throw single(sourceName, "could not be read, for a reason not reported; please report this");
    }
    return new Checked(config, problems.warnings());
  }

  private static Node compose(String yaml, String sourceName) throws ConfigException {
    // Every UTF-8 character takes one to four bytes: count them only when it may matter.
    if (yaml.length() > MAX_FILE_BYTES / 4) {
      long bytes = yaml.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > MAX_FILE_BYTES) {
        throw single(sourceName, tooLarge(bytes));
      }
    }
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_FILE_BYTES);
    // The expanded size is bounded instead, so that many tags may share one anchor.
    options.setMaxAliasesForCollections(Integer.MAX_VALUE);
    Node root;
    try {
      ExpansionBound parser = new ExpansionBound(
          new ParserImpl(new StreamReader(new StringReader(yaml)), options), MAX_EXPANDED_VALUES);
      root = new Composer(parser, new Resolver(), options).getSingleNode();
    } catch (ExpansionBound.TooLarge e) {
      throw new ConfigException(sourceName, List.of(new ConfigError(sourceName,
          e.mark().getLine() + 1, "", expansionMessage(e))));
    } catch (MarkedYAMLException e) {
      throw syntax(sourceName, yaml, e);
    } catch (YAMLException e) {
      throw single(sourceName, "is not valid YAML: " + e.getMessage());
    }
    if (root == null) {
      throw single(sourceName, "is empty; it needs namespace, mqtt and connections (see "
          + "config/isohara.yaml)");
    }
    return root;
  }

  private static String tooLarge(long bytes) {
    return "is " + String.format(Locale.ROOT, "%.1f MB", bytes / 1e6) + ", above the limit of "
        + Sizes.format(MAX_FILE_BYTES) + " for a config file; check that it is the gateway's "
        + "YAML config (60,000 tags, one line each, take 7.5 MB), or split the plant over "
        + "gateways";
  }

  private static String expansionMessage(ExpansionBound.TooLarge e) {
    String what = e.anchor() == null ? "this value"
        : "the alias *" + e.anchor() + ", which repeats everything under &" + e.anchor() + ",";
    return "column " + (e.mark().getColumn() + 1) + ": " + what + " takes the config past "
        + String.format(Locale.ROOT, "%,d", MAX_EXPANDED_VALUES) + " values once its aliases "
        + "are expanded, the limit that keeps alias bombs out; use fewer aliases of large "
        + "anchors, or give a group's tags their shared settings with tagDefaults:";
  }

  private static ConfigException syntax(String source, String yaml, MarkedYAMLException e) {
    Mark mark = e.getProblemMark();
    String problem = e.getProblem() == null ? "not valid YAML" : e.getProblem();
    String message;
    if (problem.contains("'\\t(TAB)'")) {
      message = "a tab character; YAML indents with spaces only, replace the tabs with spaces";
    } else if (problem.startsWith("found character '")
        && problem.contains("cannot start any token")) {
      char c = problem.charAt("found character '".length());
      message = "a value cannot start with '" + c + "' unless it is quoted; write it in quotes, "
          + "e.g. \"" + c + "\"";
    } else {
      Mark contextMark = e.getContextMark();
      message = "YAML syntax: " + problem
          + (e.getContext() == null ? "" : " (" + e.getContext()
              + (contextMark == null ? "" : " that starts at line " + (contextMark.getLine() + 1))
              + ")")
          + flowHint(e.getContext(), lineOf(yaml, mark));
    }
    int line = mark == null ? 0 : mark.getLine() + 1;
    String column = mark == null ? "" : "column " + (mark.getColumn() + 1) + ": ";
    return new ConfigException(source,
        List.of(new ConfigError(source, line, "", column + message)));
  }

  /** YAML reads the braces of {@code ${VAR}} inside {@code { }} as its own: say to quote it. */
  private static String flowHint(@Nullable String context, String line) {
    Matcher reference = REFERENCE.matcher(line);
    if (context != null && context.contains("flow") && reference.find()) {
      return "; inside { } or [ ], quote a value that holds ${...}, e.g. '" + reference.group()
          + "'";
    }
    return "; check the indentation, colons and quotes here";
  }

  private static String lineOf(String yaml, @Nullable Mark mark) {
    if (mark == null) {
      return "";
    }
    List<String> lines = yaml.lines().toList();
    return mark.getLine() < lines.size() ? lines.get(mark.getLine()) : "";
  }

  private static ConfigException single(String source, String message) {
    return new ConfigException(source, List.of(new ConfigError(source, 0, "", message)));
  }
}
