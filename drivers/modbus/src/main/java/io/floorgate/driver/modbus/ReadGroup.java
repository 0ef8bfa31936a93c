package io.floorgate.driver.modbus;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Tags polled together at one rate.
 *
 * @param name the group's name, for logs
 * @param rate time between the starts of two polls, at least 10 ms
 * @param tags the tags, keys unique
 */
record ReadGroup(String name, Duration rate, List<ModbusTag> tags) {

  static final Duration MIN_RATE = Duration.ofMillis(10);

  ReadGroup {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(rate, "rate");
    tags = List.copyOf(tags);
    if (rate.compareTo(MIN_RATE) < 0) {
      throw new IllegalArgumentException("group '" + name + "': rate " + rate.toMillis()
          + " ms is below the minimum of " + MIN_RATE.toMillis() + " ms");
    }
    if (tags.isEmpty()) {
      throw new IllegalArgumentException("group '" + name + "' has no tags: add some or remove it");
    }
    Set<String> keys = new HashSet<>();
    for (ModbusTag t : tags) {
      if (!keys.add(t.key())) {
        throw new IllegalArgumentException("group '" + name + "': tag key '" + t.key()
            + "' appears twice; keys must be unique");
      }
    }
  }
}
