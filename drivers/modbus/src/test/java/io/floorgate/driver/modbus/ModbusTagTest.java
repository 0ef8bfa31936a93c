package io.floorgate.driver.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModbusTagTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({"bool, 0", "int16, 1", "uint16, 1", "int32, 2", "UINT32, 2", "int64, 4",
      "uint64, 4", "float32, 2", "float64, 4", "string(10), 10", "string[3], 3", "bit(15), 1"})
  void dataTypesParseWithTheirWidth(String text, int registers) {
    assertEquals(registers, DataType.parse(text).registers());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "real      | unknown data type 'real': use bool, int16, uint16, int32, uint32, int64, uint64,"
          + " float32, float64, string(N registers) or bit(0..15)",
      "string(0) | string(0): a string spans 1 to 125 registers (2 characters each)",
      "bit(16)   | bit(16): a register has bits 0 (least significant) to 15",
  })
  void badDataTypesListWhatIsAccepted(String text, String message) {
    assertEquals(message, assertThrows(IllegalArgumentException.class,
        () -> DataType.parse(text)).getMessage());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "coil:0  | int16   | tag 't': coils hold single bits, so the type must be bool, not int16",
      "hr:0    | bool    | tag 't': bool is for coils and discrete inputs; for a bit inside a"
          + " holding register use bit(0..15)",
      "hr:65534 | float64 | tag 't': float64 at hr:65534 runs past the last address 65535",
  })
  void tagsRefuseATypeTheirTableCannotHold(String address, String type, String message) {
    assertEquals(message, assertThrows(IllegalArgumentException.class,
        () -> ModbusTag.parse("t", address, type, "ABCD")).getMessage());
  }

  @Test
  void aTagUnitIdOverridesTheConnectionsAndMustBeAByte() {
    ModbusTag tag = ModbusTag.parse("t", "hr:0", "int16", "ABCD");

    assertEquals(1, tag.unitIdOr(1));
    assertEquals(7, tag.withUnitId(7).unitIdOr(1));
    assertEquals("tag 't': unit id 256 is outside 0..255", assertThrows(
        IllegalArgumentException.class, () -> tag.withUnitId(256)).getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"abcd, ABCD", "big-endian, ABCD", "cdab, CDAB", "word-swapped, CDAB",
      "little, DCBA", "BADC, BADC"})
  void registerOrdersParseByNameOrAlias(String text, RegisterOrder order) {
    assertEquals(order, RegisterOrder.parse(text));
  }

  @Test
  void anUnknownOrderNamesTheFour() {
    assertEquals("unknown register order 'ACBD': use ABCD (big-endian), CDAB (word-swapped),"
        + " BADC (byte-swapped) or DCBA (little-endian)", assertThrows(
        IllegalArgumentException.class, () -> RegisterOrder.parse("ACBD")).getMessage());
  }
}
