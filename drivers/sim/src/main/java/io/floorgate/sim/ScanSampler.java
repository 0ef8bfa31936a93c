package io.floorgate.sim;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;

/**
 * Samples the monitored items of a group of tags right after the group's values change, the way a
 * PLC's embedded server samples at the end of its scan.
 *
 * <p>Why not Milo's {@code SubscriptionModel}: it samples on a timer of its own that drifts against
 * the scan, so a client sampling at the scan rate would now and then miss a value or see one twice.
 * Here an item is sampled every n-th scan, n being its sampling interval in scans (which {@link
 * #revise} makes a whole number), counted in scans rather than milliseconds so that a late scan and
 * the catch-up scan after it are both sampled.
 */
final class ScanSampler {

  private static final class Entry {
    final SimTag tag;
    long nextScan;

    Entry(SimTag tag, long nextScan) {
      this.tag = tag;
      this.nextScan = nextScan;
    }
  }

  private final double periodMillis;
  private final Map<DataItem, Entry> entries = new ConcurrentHashMap<>();
  private long scans;

  ScanSampler(double periodMillis) {
    this.periodMillis = periodMillis;
  }

  /** The sampling interval this group really samples at: a whole number of scans, at least one. */
  double revise(double requestedMillis) {
    return scansPer(requestedMillis) * periodMillis;
  }

  private long scansPer(double samplingMillis) {
    return Math.max(1L, Math.round(samplingMillis / periodMillis));
  }

  /**
   * Starts sampling {@code item}: its first value now, the next one its interval later. Scans write
   * and sample under the same lock, so this first value is always a whole scan's.
   */
  synchronized void add(DataItem item, SimTag tag) {
    entries.put(item, new Entry(tag, scans + scansPer(item.getSamplingInterval())));
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
      entry.nextScan = scans + 1;
    }
  }

  /** Runs one scan's {@code writes}, then samples the items that are due. */
  synchronized void scan(Runnable writes) {
    writes.run();
    scans++;
    for (Map.Entry<DataItem, Entry> e : entries.entrySet()) {
      DataItem item = e.getKey();
      Entry entry = e.getValue();
      if (item.isSamplingEnabled() && scans >= entry.nextScan) {
        push(item, entry.tag);
        entry.nextScan = scans + scansPer(item.getSamplingInterval());
      }
    }
  }

  private static void push(DataItem item, SimTag tag) {
    item.setValue(DataValue.derivedValue(tag.node().getValue(), item.getTimestampsToReturn()));
  }
}
