package io.floorgate.normalize;

import io.floorgate.config.Range;
import io.floorgate.config.TagConfig;
import io.floorgate.driver.Deadband;
import io.floorgate.reading.Quality;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Publish by exception for one tag: remembers the last reading that was let through and drops a
 * new one that says nothing new.
 *
 * <p>A reading is dropped when its quality and status code equal the last published ones and its
 * value is equal, or, for numbers with a deadband, within the deadband of the last published
 * value. Comparing with the last <em>published</em> value (not the last seen) keeps a slow drift
 * from hiding below the deadband forever. A change of quality or status code always passes: it
 * is news to whoever reads the value.
 */
final class ChangeFilter {

  /** Absolute deadband in engineering units; negative when the tag has none. */
  private final double deadband;

  private boolean seen;
  private @Nullable Object lastValue;
  private @Nullable Quality lastQuality;
  private long lastStatus;

  ChangeFilter(double deadband) {
    this.deadband = deadband;
  }

  /**
   * The filter of one tag, with its deadband resolved to engineering units.
   *
   * @throws IllegalArgumentException for a percent deadband on a tag without a range
   */
  static ChangeFilter of(String connection, TagConfig tag) {
    Deadband db = tag.deadband();
    if (db == null) {
      return new ChangeFilter(-1);
    }
    if (db.kind() == Deadband.Kind.ABSOLUTE) {
      return new ChangeFilter(db.value());
    }
    Range range = tag.range();
    if (range == null) {
      throw new IllegalArgumentException("connection " + connection + ", tag " + tag.path()
          + ": a percent deadband needs the tag's range (low, high); add a range or make the"
          + " deadband absolute");
    }
    return new ChangeFilter(db.value() / 100.0 * range.span());
  }

  /** The next reading passes, whatever it says: it is the first after the PLC link came back. */
  void forget() {
    seen = false;
  }

  /** Whether this reading is news; when it is, it becomes the one later readings compare with. */
  boolean passes(@Nullable Object value, Quality quality, long statusCode) {
    if (seen && quality == lastQuality && statusCode == lastStatus) {
      if (Objects.equals(value, lastValue)) {
        return false;
      }
      if (deadband >= 0
          && value instanceof Number now
          && lastValue instanceof Number last
          && Math.abs(now.doubleValue() - last.doubleValue()) <= deadband) {
        return false;
      }
    }
    seen = true;
    lastValue = value;
    lastQuality = quality;
    lastStatus = statusCode;
    return true;
  }
}
