package io.floorgate.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
    Overlay o = overlay;
    errors.add(new ConfigError(node != null && o != null && o.fromBase(node) ? baseSource
        : source, line(node), path, message));
  }

  void add(int line, String path, String message) {
    errors.add(new ConfigError(source, line, path, message));
  }

  int count() {
    return errors.size();
  }

  /** Throws when anything was found, with every error in file order. */
  void throwIfAny() throws ConfigException {
    if (!errors.isEmpty()) {
      List<ConfigError> sorted = new ArrayList<>(errors);
      // Errors without a line (file-level) first; the sort is stable for one line.
      sorted.sort(Comparator.comparing((ConfigError e) -> !e.source().equals(source))
          .thenComparingInt(ConfigError::line));
      throw new ConfigException(source, sorted);
    }
  }

  static int line(@Nullable Node node) {
    return node == null ? 0 : node.getStartMark().getLine() + 1;
  }
}
