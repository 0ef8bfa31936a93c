package io.floorgate.output;

/**
 * An output's store-and-forward queue at a glance.
 *
 * @param depth             readings queued, not yet delivered
 * @param bytes             the queue's size as counted against {@code buffer.maxBytes}
 * @param oldestAgeSeconds  age of the oldest queued reading; 0 when empty
 * @param dropped           readings given up: full, too old, or the disk failed
 */
public record BufferState(long depth, long bytes, double oldestAgeSeconds, long dropped) {

  public static final BufferState EMPTY = new BufferState(0, 0, 0, 0);

  /** Two queues as one, for a summary. */
  public BufferState plus(BufferState other) {
    return new BufferState(depth + other.depth, bytes + other.bytes,
        Math.max(oldestAgeSeconds, other.oldestAgeSeconds), dropped + other.dropped);
  }
}
