package io.floorgate.driver.opcua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UneceUnitsTest {

  @ParameterizedTest(name = "{0} ({1}) -> {2}")
  @CsvSource({
      "CEL, 4408652, °C",
      "FAH, 4604232, °F",
      "RPM, 5394509, rpm",
      "KPA, 4935745, kPa",
      "BAR, 4342098, bar",
      "KWH, 4937544, kWh",
      "P1,  20529,   %",
      "AMP, 4279632, A",
      "MQH, 5067080, m³/h",
      "HUR, 4740434, h",
  })
  void aUnitIdIsTheCommonCodeAndNamesItsSymbol(String code, int unitId, String symbol) {
    assertEquals(unitId, UneceUnits.unitId(code));
    assertEquals(code, UneceUnits.commonCode(unitId));
    assertEquals(symbol, UneceUnits.symbol(unitId));
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 0, 1, 5263425 /* "PPA": not a unit listed */})
  void noCodeOrAnUnlistedCodeHasNoSymbol(int unitId) {
    assertNull(UneceUnits.symbol(unitId));
  }
}
