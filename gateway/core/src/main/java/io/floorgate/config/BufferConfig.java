package io.floorgate.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The store-and-forward buffer on disk ({@code buffer:} in YAML; every key optional).
 *
 * <p>Defaults and bounds: {@code directory} {@code data/buffer} (relative to the working
 * directory, {@code /var/lib/floorgate} under the systemd unit); {@code maxBytes} 2GB (1MB–10TB);
 * {@code maxAge} 24h (1m–8760h, a year); {@code whenFull} drop-oldest; {@code replayRate} 0 = as
 * fast as the in-flight window allows (0–1,000,000 readings/s); {@code enabled} true.
 *
 * @param directory  where the queue file lives; one gateway per directory
 * @param maxBytes   the most reading bytes (as serialized, before compression) kept queued
 * @param maxAge     readings queued longer than this are dropped and counted
 * @param whenFull   what gives way when {@code maxBytes} is reached
 * @param replayRate the most backlog readings per second sent after a reconnect, beside live
 *                   data; 0 for no limit beyond the in-flight window
 * @param enabled    whether readings are kept on disk (store-and-forward); off, they wait in
 *                   memory only (still within {@code maxBytes}) and a restart loses them
 */
public record BufferConfig(Path directory, long maxBytes, Duration maxAge, WhenFull whenFull,
    int replayRate, boolean enabled) {

  /** What gives way when the buffer holds {@code maxBytes}. */
  public enum WhenFull {
    /** The oldest queued readings are dropped for the new one (a historian gap, a live view). */
    DROP_OLDEST,
    /** The new reading is dropped; what is queued is kept. */
    DROP_NEWEST;

    /** As written in YAML: {@code drop-oldest}. */
    public String yamlName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public static final Path DEFAULT_DIRECTORY = Path.of("data", "buffer");
  public static final long DEFAULT_MAX_BYTES = 2_000_000_000L;
  public static final long MIN_MAX_BYTES = 1_000_000L;
  public static final long MAX_MAX_BYTES = 10_000_000_000_000L;
  public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(24);
  public static final Duration MIN_MAX_AGE = Duration.ofMinutes(1);
  public static final Duration MAX_MAX_AGE = Duration.ofHours(8_760);
  public static final WhenFull DEFAULT_WHEN_FULL = WhenFull.DROP_OLDEST;
  public static final int MAX_REPLAY_RATE = 1_000_000;

  public BufferConfig {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(maxAge, "maxAge");
    Objects.requireNonNull(whenFull, "whenFull");
    if (maxBytes < MIN_MAX_BYTES || maxBytes > MAX_MAX_BYTES) {
      throw new IllegalArgumentException("maxBytes " + maxBytes + " is outside " + MIN_MAX_BYTES
          + ".." + MAX_MAX_BYTES);
    }
    Checks.within("maxAge", maxAge, MIN_MAX_AGE, MAX_MAX_AGE);
    Checks.within("replayRate", replayRate, 0, MAX_REPLAY_RATE);
  }

  /** On disk. */
  public BufferConfig(Path directory, long maxBytes, Duration maxAge, WhenFull whenFull,
      int replayRate) {
    this(directory, maxBytes, maxAge, whenFull, replayRate, true);
  }

  /** Every default, in {@code directory}. */
  public static BufferConfig in(Path directory) {
    return new BufferConfig(directory, DEFAULT_MAX_BYTES, DEFAULT_MAX_AGE, DEFAULT_WHEN_FULL, 0);
  }
}
