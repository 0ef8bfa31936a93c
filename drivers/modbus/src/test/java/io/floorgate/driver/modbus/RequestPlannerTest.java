package io.floorgate.driver.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestPlannerTest {

  private final RequestPlanner planner = new RequestPlanner(ReadLimits.DEFAULT);

  @ParameterizedTest(name = "{0} float32 tags every {1} registers → {2} request(s)")
  @CsvSource({
      "1,   2, 1",    // one tag
      "62,  2, 1",    // 124 contiguous registers fit one read of 125
      "63,  2, 2",    // 126 registers need two
      "200, 2, 4",    // 400 registers: ceil(400 / 125) = 4 (each read holds 62 whole tags)
      "30,  12, 3",   // 10-register gaps are bridged: 30 tags over 360 registers, 125-register reads
      "10,  13, 10",  // 11-register gaps are not
  })
  void tagsAcrossARangeTakeTheMinimumNumberOfRequests(int tags, int stride, int requests) {
    List<ModbusTag> list = new ArrayList<>();
    for (int i = 0; i < tags; i++) {
      list.add(tag("t" + i, "hr:" + (1000 + i * stride), "float32"));
    }
    List<PlannedRead> plan = planner.plan(list, 1);

    assertEquals(requests, plan.size());
    assertEquals(tags, plan.stream().mapToInt(r -> r.tags().size()).sum());
    assertTrue(plan.stream().allMatch(r -> r.count() <= 125), plan::toString);
  }

  @Test
  void aGapLargerThanMaxGapSplitsAndOneWithinItIsBridged() {
    var limits = new ReadLimits(125, 2000, 5);
    var p = new RequestPlanner(limits);

    List<PlannedRead> bridged = p.plan(List.of(tag("a", "hr:0", "int16"), tag("b", "hr:6", "int16")), 1);
    List<PlannedRead> split = p.plan(List.of(tag("a", "hr:0", "int16"), tag("b", "hr:7", "int16")), 1);

    assertEquals(List.of(new PlannedRead(Table.HOLDING_REGISTER, 1, 0, 7, bridged.get(0).tags())),
        bridged);
    assertEquals(2, split.size());
    assertEquals(List.of(0, 7), split.stream().map(PlannedRead::start).toList());
  }

  @Test
  void tablesAndUnitIdsNeverShareARequest() {
    List<PlannedRead> plan = planner.plan(List.of(
        tag("hr", "hr:0", "int16"),
        tag("ir", "ir:0", "int16"),
        tag("coil", "coil:0", "bool"),
        tag("di", "di:0", "bool"),
        tag("other-unit", "hr:1", "int16").withUnitId(2),
        tag("same-unit", "hr:2", "int16").withUnitId(1)), 1);

    assertEquals(5, plan.size());
    PlannedRead unit1 = plan.stream().filter(r -> r.table() == Table.HOLDING_REGISTER
        && r.unitId() == 1).findFirst().orElseThrow();
    assertEquals(List.of("hr", "same-unit"), unit1.tags().stream().map(ModbusTag::key).toList());
    assertEquals(3, unit1.count());
  }

  @Test
  void coilsCoalesceUpTo2000BitsAndBridgeSixteenBitsPerRegisterOfGap() {
    List<ModbusTag> coils = new ArrayList<>();
    for (int i = 0; i < 2001; i += 100) {
      coils.add(tag("c" + i, "coil:" + i, "bool"));
    }
    coils.add(tag("far", "coil:3000", "bool")); // 999 bits after coil 2000: more than 160

    List<PlannedRead> plan = planner.plan(coils, 1);

    // coil 2000 would make the first read 2001 bits; 3000 is 999 bits past 2000, beyond 160
    assertEquals(List.of(0, 2000, 3000), plan.stream().map(PlannedRead::start).toList());
    assertEquals(1901, plan.get(0).count());
  }

  @Test
  void overlappingTagsShareTheirRegisters() {
    List<PlannedRead> plan = planner.plan(List.of(
        tag("word", "hr:10", "uint16"), tag("bit3", "hr:10", "bit(3)"),
        tag("wide", "hr:8", "float64")), 1);

    assertEquals(1, plan.size());
    assertEquals(8, plan.get(0).start());
    assertEquals(4, plan.get(0).count());
  }

  @Test
  void aTagWiderThanOneReadIsRefusedWithEveryOffenderNamed() {
    var p = new RequestPlanner(new ReadLimits(2, 2000, 0));
    var e = assertThrows(IllegalArgumentException.class, () -> p.plan(List.of(
        tag("a", "hr:0", "float64"), tag("b", "hr:10", "int16"), tag("c", "hr:20", "string(3)")), 1));

    assertEquals("tag 'a' (float64) spans 4 registers but maxRegistersPerRead is 2; tag 'c'"
        + " (string(3)) spans 3 registers but maxRegistersPerRead is 2: raise maxRegistersPerRead"
        + " or shorten the tag", e.getMessage());
  }

  @Test
  void limitsOutsideTheProtocolAreRefused() {
    assertEquals("maxRegistersPerRead 126 is outside 1..125 (the Modbus limit for one read)",
        assertThrows(IllegalArgumentException.class, () -> new ReadLimits(126, 2000, 0)).getMessage());
    assertEquals("maxGap 10 must be at least 0 and below maxRegistersPerRead (10)",
        assertThrows(IllegalArgumentException.class, () -> new ReadLimits(10, 2000, 10)).getMessage());
  }

  static ModbusTag tag(String key, String address, String type) {
    return ModbusTag.parse(key, address, type, "ABCD");
  }
}
