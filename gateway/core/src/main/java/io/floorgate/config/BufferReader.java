package io.floorgate.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reads {@code buffer:}, the store-and-forward queue (on disk unless {@code enabled: false}). */
final class BufferReader {

  private static final List<String> KEYS =
      List.of("enabled", "directory", "maxBytes", "maxAge", "whenFull", "replayRate");

  private final Problems problems;

  BufferReader(Problems problems) {
    this.problems = problems;
  }

  @Nullable BufferConfig read(YamlMap top) {
    if (!top.has("buffer")) {
      return BufferConfig.in(BufferConfig.DEFAULT_DIRECTORY);
    }
    YamlMap map = top.map("buffer", KEYS);
    if (map == null) {
      return null;
    }
    int before = problems.count();
    Path directory = BufferConfig.DEFAULT_DIRECTORY;
    String dir = map.string("directory");
    if (dir != null) {
      try {
        directory = Path.of(dir.strip());
      } catch (InvalidPathException e) {
        map.error("directory", "'" + dir + "' is not a path: " + e.getReason());
      }
      if (dir.isBlank()) {
        map.error("directory", "is empty; remove it for data/buffer or name a directory");
      }
    }
    long maxBytes = maxBytes(map);
    Duration maxAge = map.duration("maxAge", BufferConfig.DEFAULT_MAX_AGE,
        BufferConfig.MIN_MAX_AGE, BufferConfig.MAX_MAX_AGE);
    BufferConfig.WhenFull whenFull = map.choice("whenFull", BufferConfig.DEFAULT_WHEN_FULL,
        Map.of("drop-oldest", BufferConfig.WhenFull.DROP_OLDEST,
            "drop-newest", BufferConfig.WhenFull.DROP_NEWEST));
    int replayRate = map.integer("replayRate", 0, 0, BufferConfig.MAX_REPLAY_RATE);
    boolean enabled = map.bool("enabled", true);
    if (problems.count() > before) {
      return null;
    }
    return new BufferConfig(directory, maxBytes, maxAge, whenFull, replayRate, enabled);
  }

  private static long maxBytes(YamlMap map) {
    String text = map.string("maxBytes");
    if (text == null) {
      return BufferConfig.DEFAULT_MAX_BYTES;
    }
    try {
      long bytes = Sizes.parse(text);
      if (bytes < BufferConfig.MIN_MAX_BYTES) {
        map.error("maxBytes", text.strip() + " is below the minimum of "
            + Sizes.format(BufferConfig.MIN_MAX_BYTES) + "; use "
            + Sizes.format(BufferConfig.MIN_MAX_BYTES) + " or more");
      } else if (bytes > BufferConfig.MAX_MAX_BYTES) {
        map.error("maxBytes", text.strip() + " is above the maximum of "
            + Sizes.format(BufferConfig.MAX_MAX_BYTES) + "; use "
            + Sizes.format(BufferConfig.MAX_MAX_BYTES) + " or less");
      } else {
        return bytes;
      }
    } catch (IllegalArgumentException e) {
      map.error("maxBytes", e.getMessage());
    }
    return BufferConfig.DEFAULT_MAX_BYTES;
  }
}
