package io.floorgate.sim;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.digitalpetri.modbus.ExceptionCode;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.exceptions.ModbusTimeoutException;
import com.digitalpetri.modbus.pdu.ReadCoilsRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadInputRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteSingleCoilRequest;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterRequest;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/** The plant's Modbus devices as a client sees them: endpoints, register maps, exceptions. */
@Timeout(60)
class SimulatedPlantModbusTest {

  private static SimulatedPlant plant;
  private static ModbusProbe o2a;
  private static ModbusProbe pm;

  @BeforeAll
  static void startPlant() throws Exception {
    plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 42L, 0, 1.0));
    o2a = ModbusProbe.connect(plant.modbusDevice("O2A01"));
    pm = ModbusProbe.connect(plant.modbusDevice("PM01"));
  }

  @AfterAll
  static void stopPlant() throws Exception {
    for (ModbusProbe probe : new ModbusProbe[] {o2a, pm}) {
      if (probe != null) {
        probe.close();
      }
    }
    if (plant != null) {
      plant.close();
    }
  }

  @Test
  void eachDeviceListensOnItsOwnPortWithAModbusTcpEndpoint() {
    List<ModbusDevice> devices = plant.modbusDevices();
    assertEquals(List.of("O2A01", "PM01"), devices.stream().map(ModbusDevice::name).toList());
    assertEquals(2, devices.stream().map(ModbusDevice::port).distinct().count());
    for (ModbusDevice device : devices) {
      assertTrue(device.isRunning());
      assertTrue(device.port() > 0);
      assertEquals(1, device.unitId());
      assertEquals("modbus+tcp://127.0.0.1:" + device.port(), device.endpointUrl());
    }
    assertThrows(NoSuchElementException.class, () -> plant.modbusDevice("RHK01"));
  }

  @Test
  void o2DecodesFromWordSwappedFloatToTheKilnsOxygenInPpm() throws Exception {
    float ppm = o2a.float32Cdab(0);
    assertTrue(ppm > 880_000 && ppm < 960_000, () -> "O2 " + ppm + " ppm");
    // The word with the sign and exponent (2^19: 0x49..) is the second one.
    int secondWord = o2a.holding(0, 2).getShort(2) & 0xFFFF;
    assertEquals(0x49, secondWord >>> 8, () -> Integer.toHexString(secondWord));
  }

  @Test
  void o2ChangesOverTime() throws Exception {
    float first = o2a.float32Cdab(0);
    await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
        .until(() -> o2a.float32Cdab(0) != first);
  }

  @Test
  void analyzerReportsMeasuringAndAThermostattedCell() throws Exception {
    assertEquals(1, o2a.int16(2));
    assertTrue(o2a.discreteInput(0));
    assertFalse(o2a.discreteInput(2));
    double cellC = o2a.int16(3) / 10.0;
    assertTrue(cellC > 53 && cellC < 57, () -> "cell " + cellC + " °C");
  }

  @Test
  void inputRegistersReadAsTheHoldingRegisters() throws Exception {
    assertEquals(o2a.holding(2, 1), o2a.input(2, 1));
    assertEquals(5, o2a.input(4, 1).getShort(0));
  }

  @Test
  void dampingIsWritableWithinItsBounds() throws Exception {
    try {
      o2a.client().writeSingleRegister(1, new WriteSingleRegisterRequest(4, 30));
      assertEquals(30, o2a.int16(4));
      o2a.client().writeMultipleRegisters(1,
          new WriteMultipleRegistersRequest(4, 1, new byte[] {0, 60}));
      assertEquals(60, o2a.int16(4));
      assertException(ExceptionCode.ILLEGAL_DATA_VALUE,
          () -> o2a.client().writeSingleRegister(1, new WriteSingleRegisterRequest(4, 0)));
      assertException(ExceptionCode.ILLEGAL_DATA_ADDRESS,
          () -> o2a.client().writeSingleRegister(1, new WriteSingleRegisterRequest(3, 10)));
      assertEquals(60, o2a.int16(4));
    } finally {
      o2a.client().writeSingleRegister(1, new WriteSingleRegisterRequest(4, 5));
    }
  }

  @Test
  void powerFollowsTheKilnsHeaters() throws Exception {
    float kw = pm.float32Abcd(0);
    assertTrue(kw > 100 && kw < PowerMeterModel.RATED_KW, () -> "power " + kw + " kW");
    assertTrue(pm.discreteInput(0));
    double volts = pm.int16(4) / 10.0;
    double amps = pm.int16(5) / 10.0;
    assertTrue(volts > 390 && volts < 410, () -> volts + " V");
    double apparentKw = Math.sqrt(3) * volts * amps / 1000;
    assertTrue(apparentKw > kw * 0.9 && apparentKw < kw * 1.2, () -> amps + " A at " + kw + " kW");
  }

  @Test
  void resetCoilZeroesTheEnergyCounter() throws Exception {
    assertTrue(pm.uint32Abcd(2) > 100_000, "a meter long in service");
    pm.client().writeSingleCoil(1, new WriteSingleCoilRequest(0, true));
    // 1 kWh takes over 6 s at the bank's full 540 kW: the counter reads 0 for a while.
    assertEquals(0, pm.uint32Abcd(2));
    assertFalse(pm.coil(0), "the reset command clears itself");
  }

  @Test
  void unmappedAddressesAnswerIllegalDataAddress() {
    var code = ExceptionCode.ILLEGAL_DATA_ADDRESS;
    assertException(code, () -> pm.holding(6, 1));
    assertException(code, () -> pm.holding(4, 3));
    assertException(code, () -> pm.input(100, 2));
    assertException(code, () -> pm.client().readCoils(1, new ReadCoilsRequest(1, 1)));
    assertException(code,
        () -> pm.client().writeSingleCoil(1, new WriteSingleCoilRequest(1, true)));
    assertException(code,
        () -> pm.client().writeSingleRegister(1, new WriteSingleRegisterRequest(0, 1)));
    assertException(code, () -> o2a.client().readCoils(1, new ReadCoilsRequest(0, 1)));
    assertException(code, () -> o2a.discreteInput(3));
  }

  @Test
  void requestCounterCountsEveryAnsweredRequestOnce() throws Exception {
    ModbusDevice meter = plant.modbusDevice("PM01");
    long before = meter.requestCount();
    pm.holding(0, 6); // one request for all six registers
    pm.input(0, 2);
    pm.coil(0);
    assertException(ExceptionCode.ILLEGAL_DATA_ADDRESS, () -> pm.holding(6, 1));
    assertEquals(before + 4, meter.requestCount());
  }

  @Test
  void anotherUnitIdGetsNoAnswer() throws Exception {
    ModbusDevice meter = plant.modbusDevice("PM01");
    try (var stranger = ModbusProbe.connect(meter, 7, Duration.ofMillis(300))) {
      long before = meter.requestCount();
      assertThrows(ModbusTimeoutException.class,
          () -> stranger.client().readHoldingRegisters(7, new ReadHoldingRegistersRequest(0, 2)));
      assertEquals(before, meter.requestCount());
    }
  }

  @Test
  void tooManyRegistersAtOnceAnswerIllegalDataValue() {
    assertException(ExceptionCode.ILLEGAL_DATA_VALUE,
        () -> pm.client().readInputRegisters(1, new ReadInputRegistersRequest(0, 126)));
  }

  private static void assertException(ExceptionCode expected, Executable request) {
    var e = assertThrows(ModbusResponseException.class, request);
    assertEquals(expected.getCode(), e.getExceptionCode(), e::getMessage);
  }
}
