package io.floorgate.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** {@code Faults.StuckZone}: a zone's temperature transmitter sticks while the zone goes on. */
class StuckZoneTest {

  private static final KilnModel.Faults STUCK_05 =
      new KilnModel.Faults(0, 0, false, false, false, 5);

  @Test
  void stuckZoneReportsItsLastTemperatureWhileTheZoneMovesOn() {
    var kiln = new KilnModel(42L);
    kiln.step(KilnModel.Faults.NONE);
    kiln.step(STUCK_05);
    double held = kiln.reportedPv(5);
    for (int scan = 0; scan < 600; scan++) {
      kiln.step(STUCK_05);
      assertEquals(held, kiln.reportedPv(5));
      assertEquals(kiln.pv(6), kiln.reportedPv(6), "the other zones report as before");
    }
    assertNotEquals(held, kiln.pv(5), "the zone itself went on moving");
  }

  @Test
  void releasedTransmitterReportsTheZoneAgain() {
    var kiln = new KilnModel(42L);
    for (int scan = 0; scan < 100; scan++) {
      kiln.step(STUCK_05);
    }
    kiln.step(KilnModel.Faults.NONE);
    assertEquals(kiln.pv(5), kiln.reportedPv(5));
  }
}
