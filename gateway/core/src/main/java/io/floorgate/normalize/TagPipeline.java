package io.floorgate.normalize;

import io.floorgate.config.TagConfig;
import io.floorgate.driver.Sample;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything known about one tag, resolved once: its path, unit, value transform, enum names and
 * change filter. Holds the tag's last published reading, so it is confined to the pipeline thread.
 */
final class TagPipeline {

  private final String connection;
  private final String path;
  private final @Nullable String unit;
  private final ValueTransform transform;
  private final Map<Long, String> enumNames;
  private final ChangeFilter filter;
  private final TimestampChooser timestamps;
  /** How often the connection's link had come up when this tag last passed a reading. */
  private int linkUps;

  TagPipeline(String connection, String path, TagConfig tag, TimestampChooser timestamps) {
    this.connection = connection;
    this.path = path;
    this.unit = tag.unit();
    this.transform = ValueTransform.of(connection, tag);
    this.enumNames = tag.enumMap();
    this.filter = ChangeFilter.of(connection, tag);
    this.timestamps = timestamps;
  }

  String path() {
    return path;
  }

  /**
   * The reading for this sample, or null when it says nothing new.
   *
   * @param linkUps how often the connection's link has come up so far: the first sample after
   *     each time passes even if unchanged, so outputs learn the PLC's state after an outage
   */
  @Nullable Reading normalize(Sample sample, int linkUps) {
    if (linkUps != this.linkUps) {
      this.linkUps = linkUps;
      filter.forget();
    }
    Quality quality = Quality.of(sample.status());
    Object value = null;
    // A bad value is whatever the PLC left in the register; publishing it invites misuse.
    if (quality != Quality.BAD) {
      value = engineeringValue(sample.value());
      if (value instanceof UnknownCode unknown) {
        // A code the config does not name: the value is real but its meaning is not known.
        value = unknown.text();
        quality = Quality.UNCERTAIN;
      }
    }
    if (!filter.passes(value, quality, sample.status().code())) {
      return null;
    }
    TimestampChooser.Choice time =
        timestamps.choose(sample.sourceTime(), sample.serverTime(), sample.receivedAt());
    return new Reading(connection, path, value, unit, quality, sample.status(),
        sample.sourceTime(), time.time(), time.source(), sample.receivedAt(), sample.reason());
  }

  private @Nullable Object engineeringValue(@Nullable Object raw) {
    if (!enumNames.isEmpty() && isIntegral(raw)) {
      long code = ((Number) raw).longValue();
      String name = enumNames.get(code);
      return name != null ? name : new UnknownCode("unknown(" + code + ")");
    }
    if (raw instanceof Long l) {
      return transform.isIdentity() ? l : (Object) transform.apply(l);
    }
    if (raw instanceof Double d) {
      return transform.apply(d);
    }
    return raw;
  }

  private static boolean isIntegral(@Nullable Object raw) {
    return raw instanceof Long
        || raw instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d);
  }

  /** Marks an enum code missing from the tag's map, so quality can be lowered. */
  private record UnknownCode(String text) {}
}
