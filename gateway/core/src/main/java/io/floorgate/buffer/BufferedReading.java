package io.floorgate.buffer;

import io.floorgate.reading.Reading;
import java.util.Objects;

/**
 * A reading as the queue holds it.
 *
 * @param seq       its entry's place in the queue: ascending in the order of
 *                  {@link DiskBuffer#append}, never reused, also across restarts
 * @param index     its place in the entry, from 0
 * @param entrySize how many readings the entry holds
 * @param reading   the reading, with its original timestamps
 */
public record BufferedReading(long seq, int index, int entrySize, Reading reading) {
  public BufferedReading {
    Objects.requireNonNull(reading, "reading");
    if (index < 0 || index >= entrySize) {
      throw new IllegalArgumentException("reading " + index + " of an entry of " + entrySize);
    }
  }
}
