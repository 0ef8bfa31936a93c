package io.floorgate.driver;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A section of the configuration file as a driver reads its own keys: every getter that meets
 * something wrong records an error with the file's line and the key's path and carries on (a
 * default or null), so that {@code check} reports every mistake at once. Implemented by the
 * gateway's YAML reader.
 */
public interface ConfigSection {

  /** The section's path in the file, e.g. {@code connections.o2-analyzer}. */
  String path();

  boolean has(String key);

  /** The key's text; null when absent (or not text: reported). */
  @Nullable String string(String key);

  /** The key's text; null and an error ("is missing; add key: example") when absent. */
  @Nullable String required(String key, String example);

  /** A whole number within bounds, {@code fallback} when absent. */
  int integer(String key, int fallback, long min, long max);

  /** A duration written with its unit ({@code 500ms}, {@code 2s}) within bounds. */
  Duration duration(String key, Duration fallback, Duration min, Duration max);

  boolean bool(String key, boolean fallback);

  /** A nested section whose keys must be among {@code known}; null when absent or wrong. */
  @Nullable ConfigSection section(String key, List<String> known);

  /** Records an error on {@code key} (its line), with what to change. */
  void error(String key, String message);
}
