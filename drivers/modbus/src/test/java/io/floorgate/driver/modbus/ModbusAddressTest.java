package io.floorgate.driver.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModbusAddressTest {

  @ParameterizedTest(name = "{0} → {1}:{2}")
  @CsvSource({
      "hr:100,   HOLDING_REGISTER, 100",
      "HR:0,     HOLDING_REGISTER, 0",
      "ir:65535, INPUT_REGISTER,   65535",
      "coil:7,   COIL,             7",
      "di:12,    DISCRETE_INPUT,   12",
      "40001,    HOLDING_REGISTER, 0",
      "40101,    HOLDING_REGISTER, 100",
      "49999,    HOLDING_REGISTER, 9998",
      "30001,    INPUT_REGISTER,   0",
      "00001,    COIL,             0",
      "10017,    DISCRETE_INPUT,   16",
      "400001,   HOLDING_REGISTER, 0",
      "465536,   HOLDING_REGISTER, 65535",
  })
  void prefixFormIsZeroBasedAndModiconFormOneBased(String text, Table table, int offset) {
    assertEquals(new ModbusAddress(table, offset), ModbusAddress.parse(text));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "100    | address '100': write it 0-based with its table (hr:100, ir:0, coil:7, di:12) or in"
          + " 5/6-digit Modicon notation (40101 = hr:100)",
      "40000  | address '40000': Modicon numbers count from 1 (40001 is the first holding register)",
      "20001  | no Modbus table has the prefix digit 2: use 0 (coil), 1 (discrete input),"
          + " 3 (input register) or 4 (holding register)",
      "xr:5   | address 'xr:5': unknown table 'xr', use hr, ir, coil or di",
      "hr:-1  | address 'hr:-1': the offset after ':' must be a number 0..65535",
      "hr:70000 | holding register address 70000 is outside 0..65535 (0-based protocol address)",
      "465537 | address '465537': Modicon numbers count from 1 (40001 is the first holding register)",
  })
  void badAddressesSayHowToWriteThem(String text, String message) {
    var e = assertThrows(IllegalArgumentException.class, () -> ModbusAddress.parse(text));
    assertEquals(message, e.getMessage());
  }
}
