package io.floorgate.config;

import io.floorgate.driver.AcquisitionMode;
import io.floorgate.driver.Deadband;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A group of tags read the same way (an item of a connection's {@code groups:} in YAML).
 *
 * <p>Defaults and bounds (the loader applies the defaults; the constructor enforces the bounds):
 * {@code mode} subscription; {@code samplingInterval} 500ms (10ms–1h); {@code publishingInterval}
 * 1s (10ms–1h); {@code queueSize} 10 (1–10000); {@code pollInterval} 1s (50ms–1h); no deadband.
 * The subscription settings are ignored by polling groups and {@code pollInterval} by
 * subscription groups; the loader rejects a config that sets them on the wrong kind of group.
 *
 * @param name               group name, for logs; unique within its connection
 * @param mode               {@code subscription} or {@code polling}
 * @param samplingInterval   server sampling interval (subscription)
 * @param publishingInterval server publishing interval (subscription)
 * @param queueSize          server queue per item (subscription)
 * @param deadband           server-side deadband (subscription), null for none
 * @param pollInterval       read interval (polling)
 * @param tags               the tags, at least one
 */
public record GroupConfig(
    String name,
    AcquisitionMode mode,
    Duration samplingInterval,
    Duration publishingInterval,
    int queueSize,
    @Nullable Deadband deadband,
    Duration pollInterval,
    List<TagConfig> tags) {

  public static final AcquisitionMode DEFAULT_MODE = AcquisitionMode.SUBSCRIPTION;
  public static final Duration DEFAULT_SAMPLING_INTERVAL = Duration.ofMillis(500);
  public static final Duration MIN_SAMPLING_INTERVAL = Duration.ofMillis(10);
  public static final Duration DEFAULT_PUBLISHING_INTERVAL = Duration.ofSeconds(1);
  public static final Duration MIN_PUBLISHING_INTERVAL = Duration.ofMillis(10);
  public static final int DEFAULT_QUEUE_SIZE = 10;
  public static final int MAX_QUEUE_SIZE = 10_000;
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
  public static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(50);
  /** The longest of every interval: beyond an hour a value is no longer telemetry. */
  public static final Duration MAX_INTERVAL = Duration.ofHours(1);

  public GroupConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mode, "mode");
    Checks.within("samplingInterval", samplingInterval, MIN_SAMPLING_INTERVAL, MAX_INTERVAL);
    Checks.within("publishingInterval", publishingInterval, MIN_PUBLISHING_INTERVAL, MAX_INTERVAL);
    Checks.within("queueSize", queueSize, 1, MAX_QUEUE_SIZE);
    Checks.within("pollInterval", pollInterval, MIN_POLL_INTERVAL, MAX_INTERVAL);
    tags = List.copyOf(tags);
  }
}
