package io.floorgate.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SimOptionsTest {

  @Test
  void defaultsListenOnLoopbackFrom4841WithSeed42AndNoLoad() {
    assertEquals(new SimOptions("127.0.0.1", 4841, 42L, 0, 1.0), SimOptions.defaults());
  }

  @Test
  void mixersTakeTheTwoPortsAfterTheKiln() {
    SimOptions options = SimOptions.defaults();
    assertEquals(4841, options.portFor(0));
    assertEquals(4842, options.portFor(1));
    assertEquals(4843, options.portFor(2));
    assertEquals(0, new SimOptions("127.0.0.1", 0, 1L, 0, 1.0).portFor(2));
  }

  @Test
  void modbusDevicesTake5020And5021BesideTheDefaultPlcPorts() {
    SimOptions options = SimOptions.defaults();
    assertEquals(5020, options.modbusPort());
    assertEquals(5020, options.modbusPortFor(0));
    assertEquals(5021, options.modbusPortFor(1));
    assertEquals(5030, options.withModbusPort(5030).modbusPortFor(0));
  }

  @Test
  void modbusDevicesTakeFreePortsWhenThePlcsDo() {
    SimOptions options = new SimOptions("127.0.0.1", 0, 1L, 0, 1.0);
    assertEquals(0, options.modbusPort());
    assertEquals(0, options.modbusPortFor(1));
  }

  @ParameterizedTest(name = "PLCs from {0}, Modbus from {1}")
  @CsvSource({"5019, 5020", "5020, 5019", "4841, 4843", "4841, 65535", "4841, -1"})
  void modbusPortsOverlappingThePlcsOrOutOfRangeAreRefused(int basePort, int modbusPort) {
    var e = assertThrows(IllegalArgumentException.class, () -> new SimOptions("127.0.0.1",
        basePort, 1L, 0, 1.0, SimSecurity.none(), SimLimits.DEFAULT, modbusPort));
    assertTrue(e.getMessage().contains("modbusPort " + modbusPort), e::getMessage);
  }

  @ParameterizedTest(name = "host={0} port={1} scale={2} rate={3}")
  @CsvSource({
    "' ', 4841, 0, 1.0",
    "127.0.0.1, -1, 0, 1.0",
    "127.0.0.1, 65534, 0, 1.0",
    "127.0.0.1, 4841, -1, 1.0",
    "127.0.0.1, 4841, 100001, 1.0",
    "127.0.0.1, 4841, 10, 0.0",
    "127.0.0.1, 4841, 10, -2.0",
    "127.0.0.1, 4841, 10, 101.0",
    "127.0.0.1, 4841, 10, NaN",
  })
  void outOfRangeOptionsAreRefused(String host, int port, int scale, double rate) {
    assertThrows(IllegalArgumentException.class, () -> new SimOptions(host, port, 1L, scale, rate));
  }

  @ParameterizedTest(name = "drift speed {0} is refused")
  @ValueSource(doubles = {-1.0, 1_000_001.0, Double.NaN, Double.POSITIVE_INFINITY})
  void driftSpeedOutOfRangeIsRefused(double speed) {
    var e = assertThrows(IllegalArgumentException.class,
        () -> SimOptions.defaults().withDriftSpeed(speed));
    assertTrue(e.getMessage().startsWith("drift speed "), e.getMessage());
  }

  @Test
  void driftSpeedIsRealTimeByDefaultAndKeptByTheOtherWithers() {
    assertEquals(1.0, SimOptions.defaults().driftSpeed());
    assertEquals(36_000.0,
        SimOptions.defaults().withDriftSpeed(36_000.0).withModbusPort(0).driftSpeed());
  }
}
