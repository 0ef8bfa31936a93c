package io.floorgate.sim;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;

/**
 * Samples the monitored items of a group of tags right after the group's values change, the way a
 * PLC's embedded server samples at the end of its scan.
 *
 * <p>Why not Milo's {@code SubscriptionModel}: it samples on a timer of its own that drifts
 * against the scan, so a client sampling at the scan rate would now and then miss a value or see
 * one twice. Sampling at the scan gives a 100 ms item every scan's value exactly once, and an item
 * sampling slower than the scan every n-th scan.
 */
final class ScanSampler {

  private static final class Entry {
    final SimTag tag;
    long dueNanos;

    Entry(SimTag tag, long dueNanos) {
      this.tag = tag;
      this.dueNanos = dueNanos;
    }
  }

  /** Half a scan: a scan that runs a little late or early still counts as on time. */
  private final long toleranceNanos;

  private final Map<DataItem, Entry> entries = new ConcurrentHashMap<>();

  ScanSampler(long scanPeriodNanos) {
    this.toleranceNanos = scanPeriodNanos / 2;
  }

  /**
   * Starts sampling {@code item}: its first value now, the next at the next scan. Sampling under
   * the lock keeps a scan's newer value from overtaking this first one.
   */
  synchronized void add(DataItem item, SimTag tag) {
    long now = System.nanoTime();
    entries.put(item, new Entry(tag, now));
    if (item.isSamplingEnabled()) {
      push(item, tag);
    }
  }

  void remove(DataItem item) {
    entries.remove(item);
  }

  /** Samples {@code item} at the next scan (its interval or monitoring mode changed). */
  synchronized void resample(DataItem item) {
    Entry entry = entries.get(item);
    if (entry != null) {
      entry.dueNanos = System.nanoTime();
    }
  }

  boolean contains(DataItem item) {
    return entries.containsKey(item);
  }

  /** Called once the group's values of this scan are written. */
  synchronized void sample() {
    long now = System.nanoTime();
    for (Map.Entry<DataItem, Entry> e : entries.entrySet()) {
      DataItem item = e.getKey();
      Entry entry = e.getValue();
      if (item.isSamplingEnabled() && now - entry.dueNanos >= 0) {
        push(item, entry.tag);
        long interval = TimeUnit.MICROSECONDS.toNanos(Math.round(item.getSamplingInterval() * 1000));
        entry.dueNanos = now + interval - toleranceNanos;
      }
    }
  }

  int size() {
    return entries.size();
  }

  private static void push(DataItem item, SimTag tag) {
    item.setValue(DataValue.derivedValue(tag.node().getValue(), item.getTimestampsToReturn()));
  }
}
