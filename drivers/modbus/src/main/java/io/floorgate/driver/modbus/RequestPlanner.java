package io.floorgate.driver.modbus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Coalesces tags into as few read requests as the device allows: tags of one table and unit id,
 * sorted by address, share a request while the request stays within
 * {@link ReadLimits#maxSpan} and the hole before the next tag is at most {@link ReadLimits#maxGap}.
 *
 * <p>Taking each request as far as it can go is optimal here: any plan's first request covers at
 * most the tags the greedy one covers, so the greedy plan never needs more requests.
 */
final class RequestPlanner {

  private final ReadLimits limits;

  RequestPlanner(ReadLimits limits) {
    this.limits = limits;
  }

  /**
   * The reads for {@code tags}, ordered by table, unit id and address.
   *
   * @throws IllegalArgumentException naming every tag wider than one request allows
   */
  List<PlannedRead> plan(Collection<ModbusTag> tags, int connectionUnitId) {
    List<String> tooWide = new ArrayList<>();
    Map<String, List<ModbusTag>> byTableAndUnit = new TreeMap<>();
    for (ModbusTag t : tags) {
      Table table = t.address().table();
      if (t.width() > limits.maxSpan(table)) {
        tooWide.add("tag '" + t.key() + "' (" + t.type() + ") spans " + t.width()
            + " registers but maxRegistersPerRead is " + limits.maxSpan(table));
      }
      String group = "%d/%03d".formatted(table.ordinal(), t.unitIdOr(connectionUnitId));
      byTableAndUnit.computeIfAbsent(group, g -> new ArrayList<>()).add(t);
    }
    if (!tooWide.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", tooWide)
          + ": raise maxRegistersPerRead or shorten the tag");
    }
    List<PlannedRead> reads = new ArrayList<>();
    for (List<ModbusTag> group : byTableAndUnit.values()) {
      group.sort(Comparator.comparingInt((ModbusTag t) -> t.address().offset())
          .thenComparingInt(ModbusTag::lastOffset));
      coalesce(group, group.get(0).unitIdOr(connectionUnitId), reads);
    }
    return List.copyOf(reads);
  }

  private void coalesce(List<ModbusTag> sorted, int unitId, List<PlannedRead> out) {
    Table table = sorted.get(0).address().table();
    int maxSpan = limits.maxSpan(table);
    int maxGap = limits.maxGap(table);
    List<ModbusTag> current = new ArrayList<>();
    int start = 0;
    int end = -1;
    for (ModbusTag t : sorted) {
      int gap = t.address().offset() - end - 1;
      int newEnd = Math.max(end, t.lastOffset());
      if (!current.isEmpty() && (gap > maxGap || newEnd - start + 1 > maxSpan)) {
        out.add(new PlannedRead(table, unitId, start, end - start + 1, current));
        current = new ArrayList<>();
      }
      if (current.isEmpty()) {
        start = t.address().offset();
        newEnd = t.lastOffset();
      }
      current.add(t);
      end = newEnd;
    }
    out.add(new PlannedRead(table, unitId, start, end - start + 1, current));
  }
}
