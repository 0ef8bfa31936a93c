package io.floorgate.mqtt;

import io.floorgate.buffer.DiskBuffer;
import io.floorgate.config.BufferConfig;
import io.floorgate.config.MqttConfig;
import io.floorgate.driver.Status;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import io.floorgate.reading.TimestampSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Readings and configs for publisher tests. */
final class Readings {

  static final Instant SOURCE_TIME = Instant.parse("2026-11-26T07:40:01.250Z");
  static final Instant GATEWAY_TIME = Instant.parse("2026-11-26T07:40:01.262Z");

  private Readings() {}

  static Reading reading(String path, @Nullable Object value) {
    return new Reading("rhk01", path, value, "°C", Quality.GOOD, Status.GOOD, SOURCE_TIME,
        SOURCE_TIME, TimestampSource.SOURCE, GATEWAY_TIME);
  }

  static MqttConfig config(String url, int maxInFlight) {
    return new MqttConfig(url, "floorgate-test-" + UUID.randomUUID(), 1, maxInFlight,
        Duration.ofSeconds(3));
  }

  /** A buffer with every default in a directory of its own below {@code parent}. */
  static DiskBuffer buffer(Path parent) {
    return DiskBuffer.open(BufferConfig.in(parent.resolve("buffer-" + UUID.randomUUID())));
  }

  static String uniquePrefix() {
    return "test-" + UUID.randomUUID();
  }
}
