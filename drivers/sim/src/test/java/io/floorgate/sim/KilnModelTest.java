package io.floorgate.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The kiln's physics, stepped without a server: an hour of plant time in milliseconds. */
class KilnModelTest {

  private static final KilnModel.Faults NONE = KilnModel.Faults.NONE;

  @Test
  void zonesFollowThePreheatSoakCoolingProfileForAnHour() {
    var kiln = new KilnModel(42L);
    for (int tick = 0; tick < 36_000; tick++) {
      kiln.step(NONE);
      for (int zone = 1; zone <= KilnModel.ZONES; zone++) {
        double sp = kiln.setpoint(zone);
        double pv = kiln.pv(zone);
        int z = zone;
        assertTrue(Math.abs(pv - sp) < 15, () -> "zone " + z + " PV " + pv + " SP " + sp);
        assertTrue(Math.abs(kiln.tcA(zone) - pv) < 3);
        double heater = kiln.heater(zone);
        assertTrue(heater >= 0 && heater <= 100);
      }
      assertEquals(92.0, kiln.o2(), 2.0);
    }
    assertEquals(300.0, kiln.setpoint(1));
    assertEquals(600.0, kiln.setpoint(4));
    for (int zone = 5; zone <= 9; zone++) {
      assertTrue(kiln.setpoint(zone) >= 720 && kiln.setpoint(zone) <= 780);
    }
    assertEquals(500.0, kiln.setpoint(10));
    assertEquals(150.0, kiln.setpoint(12));
    assertEquals(36_000, kiln.heartbeat());
  }

  @Test
  void overTempZoneClimbsAbout80DegreesAboveSetpointAndCutsItsHeater() {
    var kiln = new KilnModel(42L);
    var faults = new KilnModel.Faults(0, 7, false, false);
    for (int tick = 0; tick < 600; tick++) {
      kiln.step(faults);
    }
    assertEquals(kiln.setpoint(7) + 80, kiln.pv(7), 8.0);
    assertEquals(0.0, kiln.heater(7));
    assertEquals(kiln.setpoint(6), kiln.pv(6), 10.0);
  }

  @Test
  void o2LowMakesOxygenSettleNear80Percent() {
    var kiln = new KilnModel(42L);
    var faults = new KilnModel.Faults(0, 0, true, false);
    for (int tick = 0; tick < 400; tick++) {
      kiln.step(faults);
    }
    assertEquals(80.0, kiln.o2(), 1.5);
  }
}
