package io.floorgate.driver.modbus;

import java.util.List;
import java.util.Objects;

/**
 * One read request and the tags it serves.
 *
 * @param table  the table read (its function code)
 * @param unitId the unit id the request goes to
 * @param start  first register or bit
 * @param count  registers or bits read
 * @param tags   the tags decoded from the response, all inside {@code start..start+count-1}
 */
record PlannedRead(Table table, int unitId, int start, int count, List<ModbusTag> tags) {

  PlannedRead {
    Objects.requireNonNull(table, "table");
    tags = List.copyOf(tags);
    if (count < 1 || start < 0 || start + count - 1 > 0xFFFF) {
      throw new IllegalArgumentException("read of " + count + " " + table.plural() + " at "
          + start + " is outside 0..65535");
    }
    for (ModbusTag t : tags) {
      if (t.address().table() != table || t.address().offset() < start
          || t.lastOffset() > start + count - 1) {
        throw new IllegalArgumentException("tag '" + t.key() + "' at " + t.address()
            + " is not inside " + this.describe(table, start, count));
      }
    }
  }

  /** For logs and reasons: {@code read holding registers 100..109 (unit 1)}. */
  String describe() {
    return describe(table, start, count) + " (unit " + unitId + ")";
  }

  private String describe(Table t, int from, int n) {
    return "read " + t.plural() + " " + from + ".." + (from + n - 1);
  }
}
