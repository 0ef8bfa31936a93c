package io.floorgate.driver;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Tags read together the same way: one OPC UA subscription, or one polling timer.
 *
 * @param name               the group's name, for logs
 * @param mode               subscription or polling
 * @param samplingInterval   how often the server samples each item (subscription)
 * @param publishingInterval how often the server sends notifications (subscription)
 * @param queueSize          the server-side queue per monitored item (subscription)
 * @param deadband           the server-side data-change filter, or null for every change
 * @param pollInterval       how often the group is read (polling)
 * @param tags               the tags, in configuration order
 */
public record TagGroupSpec(
    String name,
    AcquisitionMode mode,
    Duration samplingInterval,
    Duration publishingInterval,
    int queueSize,
    @Nullable Deadband deadband,
    Duration pollInterval,
    List<TagSpec> tags) {

  public TagGroupSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(samplingInterval, "samplingInterval");
    Objects.requireNonNull(publishingInterval, "publishingInterval");
    Objects.requireNonNull(pollInterval, "pollInterval");
    if (queueSize < 1) {
      throw new IllegalArgumentException("queueSize must be >= 1, got " + queueSize);
    }
    tags = List.copyOf(tags);
  }
}
