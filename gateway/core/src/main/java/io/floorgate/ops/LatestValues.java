package io.floorgate.ops;

import io.floorgate.reading.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The latest reading of every tag, each stamped with a version, so that the status page's stream
 * sends a client only what changed since its last frame. Written from the pipeline thread (a map
 * put per reading); read by the WebSocket clients' event loops.
 */
public final class LatestValues {

  /** A tag's latest reading and the version it was stored under. */
  record Entry(long version, Reading reading) {}

  private final Map<String, Entry> byPath = new ConcurrentHashMap<>();
  private final AtomicLong version = new AtomicLong();

  /** Remembers a reading; never blocks. */
  public void accept(Reading reading) {
    byPath.put(reading.path(), new Entry(version.incrementAndGet(), reading));
  }

  /** Forgets the tags a reload removed. */
  public void retain(java.util.Set<String> paths) {
    byPath.keySet().retainAll(paths);
  }

  long version() {
    return version.get();
  }

  int size() {
    return byPath.size();
  }

  /** Readings stored after {@code after}. */
  List<Entry> changedSince(long after) {
    List<Entry> changed = new ArrayList<>();
    for (Entry e : byPath.values()) {
      if (e.version() > after) {
        changed.add(e);
      }
    }
    return changed;
  }
}
