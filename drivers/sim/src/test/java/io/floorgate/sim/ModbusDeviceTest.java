package io.floorgate.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.digitalpetri.modbus.exceptions.ModbusException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One device on its own, stepped by the test instead of the plant's clock so that hours of
 * operation take milliseconds; read through its real server.
 */
@Timeout(30)
class ModbusDeviceTest {

  private static final KilnReadout HALF_LOAD = new KilnReadout(92.0, 50.0);
  private static final KilnReadout HEATERS_OFF = new KilnReadout(92.0, 0.0);

  private ModbusDevice device;

  @AfterEach
  void stopDevice() {
    if (device != null) {
      device.stop();
    }
  }

  private ModbusDevice started(ModbusModel model) {
    device = new ModbusDevice(model, "127.0.0.1", 0);
    device.start();
    return device;
  }

  private void run(KilnReadout kiln, Duration duration) {
    for (long s = 0; s < duration.toSeconds(); s++) {
      device.step(kiln, 1.0);
    }
  }

  @Test
  void energyIncreasesByPowerTimesTimeWhilePowerFlows() throws Exception {
    started(new PowerMeterModel(3));
    try (var probe = ModbusProbe.connect(device)) {
      long before = probe.uint32Abcd(2);
      run(HALF_LOAD, Duration.ofHours(1));
      float kw = probe.float32Abcd(0);
      long after = probe.uint32Abcd(2);
      // Half of the 540 kW bank for an hour.
      assertTrue(Math.abs(kw - 270) < 3, () -> kw + " kW");
      assertTrue(after - before >= 266 && after - before <= 274, () -> (after - before) + " kWh");
    }
  }

  @Test
  void energyStandsStillWithTheHeatersOff() throws Exception {
    started(new PowerMeterModel(4));
    try (var probe = ModbusProbe.connect(device)) {
      run(HEATERS_OFF, Duration.ofMinutes(1));
      long before = probe.uint32Abcd(2);
      run(HEATERS_OFF, Duration.ofHours(1));
      // Noise about zero power, clipped at 0, adds well under a kWh an hour.
      assertTrue(probe.uint32Abcd(2) - before <= 1);
      assertFalse(probe.discreteInput(0), "heaters energized");
    }
  }

  @Test
  void o2FollowsTheKilnWithTheDampingTimeConstant() throws Exception {
    started(new O2AnalyzerModel(5));
    try (var probe = ModbusProbe.connect(device)) {
      run(HALF_LOAD, Duration.ofSeconds(1));
      run(new KilnReadout(80.0, 50.0), Duration.ofSeconds(5));
      float oneTau = probe.float32Cdab(0);
      // After one time constant (5 s) a first-order lag covers 63 % of the step 920,000 → 800,000.
      assertTrue(Math.abs(oneTau - (920_000 - 0.632 * 120_000)) < 3_000, () -> oneTau + " ppm");
      run(new KilnReadout(80.0, 50.0), Duration.ofMinutes(1));
      assertTrue(Math.abs(probe.float32Cdab(0) - 800_000) < 1_000);
    }
  }

  @Test
  void restartComesBackOnTheSamePort() throws Exception {
    started(new PowerMeterModel(6));
    int port = device.port();
    device.stop();
    assertFalse(device.isRunning());
    assertThrows(ModbusException.class, () -> ModbusProbe.connect(device).close());
    device.start();
    assertEquals(port, device.port());
    try (var probe = ModbusProbe.connect(device)) {
      assertTrue(probe.uint32Abcd(2) > 0);
    }
  }

  @Test
  void aTakenPortFailsNamingTheDeviceAndPort() throws Exception {
    try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      var blocked = new ModbusDevice(new O2AnalyzerModel(7), "127.0.0.1", taken.getLocalPort());
      var e = assertThrows(IllegalStateException.class, blocked::start);
      assertTrue(e.getMessage().contains("O2A01")
          && e.getMessage().contains(":" + taken.getLocalPort()), e::getMessage);
      assertFalse(blocked.isRunning());
    }
  }
}
