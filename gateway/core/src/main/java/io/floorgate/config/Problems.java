package io.floorgate.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.Node;

/**
 * What one load has found wrong so far, and what every reader needs to report it: the file name
 * and the environment for {@code ${VAR}}. Readers add errors and carry on, so that one run shows
 * them all.
 */
final class Problems {

  private final String source;
  private final Map<String, String> env;
  private final List<ConfigError> errors = new ArrayList<>();
  /** What is allowed but probably not meant (unit C on a temperature); never stops a load. */
  private final List<ConfigError> warnings = new ArrayList<>();
  /**
   * Root causes: what follows from one error (a tag that could not be named because its
   * connection has no area) is counted against it instead of being reported on its own.
   */
  private final Map<String, Integer> causes = new HashMap<>();
  private final Map<Integer, Integer> followers = new HashMap<>();
  private final Map<Integer, IntFunction<String>> consequences = new HashMap<>();
  /** The file an overlay extends, and which nodes came from it; null without one. */
  private @Nullable Overlay overlay;
  private String baseSource = "";

  Problems(String source, Map<String, String> env) {
    this.source = source;
    this.env = env;
  }

  /** From now on, errors at nodes of {@code base} name that file. */
  void extended(Overlay overlay, String baseSource) {
    this.overlay = overlay;
    this.baseSource = baseSource;
  }

  Map<String, String> env() {
    return env;
  }

  /** Records an error at the node's line (0 when there is no node). */
  void add(@Nullable Node node, String path, String message) {
    errors.add(at(node, path, message));
  }

  /** Records a warning at the node's line. */
  void warn(@Nullable Node node, String path, String message) {
    warnings.add(at(node, path, message));
  }

  private ConfigError at(@Nullable Node node, String path, String message) {
    Overlay o = overlay;
    return new ConfigError(node != null && o != null && o.fromBase(node) ? baseSource : source,
        line(node), path, message);
  }

  /** The warnings, in file order, one per line and cause (see {@link #merged}). */
  List<ConfigError> warnings() {
    return merged(warnings);
  }

  /**
   * {@code found} in file order, with those of one line that say the same thing (a template's
   * tags, a YAML alias used by three connections) as one, naming how many more it stands for.
   */
  private List<ConfigError> merged(List<ConfigError> found) {
    Map<List<Object>, List<ConfigError>> same = new LinkedHashMap<>();
    for (ConfigError e : found) {
      List<Object> key = e.line() == 0 ? List.of(e) : List.of(e.source(), e.line(), e.message());
      same.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
    }
    List<ConfigError> merged = new ArrayList<>();
    for (List<ConfigError> group : same.values()) {
      ConfigError e = group.get(0);
      merged.add(group.size() == 1 ? e : new ConfigError(e.source(), e.line(), e.path(),
          e.message() + " (the same for " + (group.size() - 1) + " more from this line, "
              + (group.size() == 2 ? "" : "e.g. ") + group.get(1).path() + ")"));
    }
    // Errors without a line (file-level) first; the sort is stable for one line.
    merged.sort(Comparator.comparing((ConfigError e) -> !e.source().equals(source))
        .thenComparingInt(ConfigError::line));
    return merged;
  }

  void add(int line, String path, String message) {
    errors.add(new ConfigError(source, line, path, message));
  }

  int count() {
    return errors.size();
  }

  /**
   * Makes the error recorded as number {@code index} (counting from 0) the cause of whatever later
   * finds one of {@code keys} missing; {@code consequence} says, for a count, what did not happen
   * because of it ("3 references to tags of this connection in alarm rules could not be checked").
   */
  void causesAt(int index, Collection<String> keys, IntFunction<String> consequence) {
    consequences.put(index, consequence);
    for (String key : keys) {
      causes.putIfAbsent(key, index);
    }
  }

  /**
   * Whether a problem about {@code key} follows from an error already recorded; if so it is
   * counted there, and the caller reports nothing.
   */
  boolean follows(String key) {
    Integer cause = causes.get(key);
    if (cause == null) {
      return false;
    }
    followers.merge(cause, 1, Integer::sum);
    return true;
  }

  /** Throws when anything was found, with every error in file order. */
  void throwIfAny() throws ConfigException {
    if (!errors.isEmpty()) {
      List<ConfigError> sorted = new ArrayList<>(errors);
      followers.forEach((cause, n) -> {
        ConfigError e = sorted.get(cause);
        sorted.set(cause, new ConfigError(e.source(), e.line(), e.path(), e.message()
            + "; because of it, " + consequences.get(cause).apply(n) + " (not listed)"));
      });
      throw new ConfigException(source, merged(sorted));
    }
  }

  static int line(@Nullable Node node) {
    return node == null ? 0 : node.getStartMark().getLine() + 1;
  }
}
