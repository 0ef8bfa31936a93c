package io.floorgate.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WordsTest {

  @Test
  void float32AbcdPutsTheHighWordFirst() {
    int[] registers = new int[2];
    Words.float32Abcd(registers, 0, 1.0f); // 0x3F800000
    assertArrayEquals(new int[] {0x3F80, 0x0000}, registers);
  }

  @Test
  void float32CdabPutsTheLowWordFirst() {
    int[] registers = new int[3];
    Words.float32Cdab(registers, 1, 920_000.5f); // 0x49609C08
    assertArrayEquals(new int[] {0, 0x9C08, 0x4960}, registers);
  }

  @Test
  void uint32AbcdWrapsAt2To32() {
    int[] registers = new int[2];
    Words.uint32Abcd(registers, 0, 0x1_0001_0002L);
    assertArrayEquals(new int[] {0x0001, 0x0002}, registers);
  }

  @Test
  void int16RoundsAndHoldsWithinItsRange() {
    assertEquals(0xFFFF, Words.int16(-1.2));
    assertEquals(0x7FFF, Words.int16(1e9));
    assertEquals(0x8000, Words.int16(-1e9));
    assertEquals(4002, Words.int16(4001.6));
  }
}
