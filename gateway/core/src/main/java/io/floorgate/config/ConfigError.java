package io.floorgate.config;

import java.util.Objects;

/**
 * One thing wrong with a config file, and what to change.
 *
 * <p>{@code path} names the setting from the top of the file, dot-separated; list items are named
 * by their {@code name} (connections, groups) or {@code path} (tags), or by their position
 * {@code [n]}, counting from 0, when that is missing or invalid:
 * {@code connections.rhk01.groups.zones.tags.rhk01/zone01/temperature.unit}.
 *
 * @param source  the file name as given, e.g. {@code config/isohara.yaml}
 * @param line    1-based line of the offending value or key; 0 when unknown
 * @param path    the setting, empty for the file as a whole
 * @param message what is wrong and how to fix it
 */
public record ConfigError(String source, int line, String path, String message) {

  public ConfigError {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0, got " + line);
    }
  }

  /**
   * {@code source:line: path: message}, the form compilers use so that editors can jump to it,
   * e.g. {@code config/broken.yaml:14: connections.rhk01.groups.zones.publishingInterval: 5ms is
   * below the minimum of 10ms; use 10ms or more}.
   */
  public String format() {
    StringBuilder sb = new StringBuilder(source);
    if (line > 0) {
      sb.append(':').append(line);
    }
    sb.append(": ");
    if (!path.isEmpty()) {
      sb.append(path).append(": ");
    }
    return sb.append(message).toString();
  }
}
