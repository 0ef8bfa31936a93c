package io.floorgate.buffer;

import io.floorgate.reading.Reading;
import java.util.Objects;

/**
 * A reading as the queue holds it.
 *
 * @param seq     its place in the queue: ascending in the order of {@link DiskBuffer#append}, never
 *                reused, also across restarts; {@link DiskBuffer#acknowledge} takes it back
 * @param reading the reading, with its original timestamps
 */
public record BufferedReading(long seq, Reading reading) {
  public BufferedReading {
    Objects.requireNonNull(reading, "reading");
  }
}
