package io.floorgate.buffer;

import java.util.function.BiConsumer;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStoreException;

/**
 * Reads a queue file's map through once: sums the intact entries and counts the damaged ones —
 * an entry whose checksum is wrong, or that sits in a page MVStore cannot read. Where a page
 * fails, the scan goes on key by key up to the newest key, so that the entries after the damage
 * are still found.
 */
final class QueueScan {

  long entries;
  long bytes;
  long readings;
  /** Entries left out: a wrong checksum or an unreadable page. */
  long damaged;
  /** Readings of the entries whose checksum is wrong, as their count field says. */
  long damagedReadings;
  /** Entries in pages that do not read: how many readings they held is not known. */
  long unreadable;
  long lastKey;
  /** Whether the newest key could not be read, so how much is damaged is not known. */
  boolean unknown;

  private QueueScan() {}

  /** Scans {@code map}, handing each intact entry to {@code intact} (in key order). */
  static QueueScan of(MVMap<Long, byte[]> map, long lastKnown, BiConsumer<Long, byte[]> intact) {
    QueueScan scan = new QueueScan();
    long last = 0;
    try {
      Cursor<Long, byte[]> cursor = map.cursor(null);
      while (cursor.hasNext()) {
        last = cursor.next();
        scan.entry(last, cursor.getValue(), intact);
      }
      scan.lastKey = last;
      return scan;
    } catch (MVStoreException | IllegalStateException | IllegalArgumentException e) {
      // A page that does not read: the rest, key by key.
    }
    long newest;
    try {
      Long key = map.lastKey();
      newest = Math.max(key == null ? 0 : key, lastKnown);
    } catch (MVStoreException | IllegalStateException | IllegalArgumentException e) {
      newest = lastKnown;
      scan.unknown = lastKnown <= last;
    }
    for (long key = last + 1; key <= newest; key++) {
      try {
        byte[] record = map.get(key);
        if (record != null) {
          scan.entry(key, record, intact);
        }
      } catch (MVStoreException | IllegalStateException | IllegalArgumentException e) {
        scan.damaged++;
        scan.unreadable++;
      }
    }
    scan.lastKey = newest;
    return scan;
  }

  private void entry(long key, byte[] record, BiConsumer<Long, byte[]> intact) {
    if (!ReadingCodec.intact(record)) {
      damaged++;
      // The count sits at a fixed place; damage elsewhere in the entry leaves it right.
      int count = ReadingCodec.known(record) ? ReadingCodec.count(record) : 1;
      damagedReadings += count > 0 && count <= record.length ? count : 1;
      return;
    }
    entries++;
    bytes += record.length + DiskBuffer.ENTRY_OVERHEAD;
    readings += ReadingCodec.count(record);
    intact.accept(key, record);
  }

  /** About how many readings the damaged entries held. */
  long readingsLost() {
    return damagedReadings + Math.round(unreadable * (entries > 0 ? (double) readings / entries
        : 1));
  }
}
