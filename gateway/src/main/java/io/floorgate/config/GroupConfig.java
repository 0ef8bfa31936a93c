package io.floorgate.config;

import io.floorgate.driver.AcquisitionMode;
import io.floorgate.driver.Deadband;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A group of tags read the same way.
 *
 * @param name               group name, for logs
 * @param mode               {@code subscription} or {@code polling}
 * @param samplingInterval   server sampling interval (subscription)
 * @param publishingInterval server publishing interval (subscription)
 * @param queueSize          server queue per item (subscription)
 * @param deadband           server-side deadband (subscription), null for none
 * @param pollInterval       read interval (polling)
 * @param tags               the tags
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

  public GroupConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mode, "mode");
    tags = List.copyOf(tags);
  }
}
