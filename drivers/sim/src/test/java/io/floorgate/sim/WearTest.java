package io.floorgate.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The plant's wear, stepped without a server: a worn twin and a healthy twin of the same seed see
 * the same noise, so their difference is the wear alone.
 */
class WearTest {

  /** Ten scans are one second of process time; at 3600x, one hour of wear. */
  private static final int SCANS_PER_SECOND = 10;

  @Test
  void zone05ThermocoupleBDriftsHalfADegreePerHourOfWear() {
    var worn = new KilnModel(42L, 3600.0);
    var healthy = new KilnModel(42L, 0.0);
    for (int hour = 1; hour <= 8; hour++) {
      for (int scan = 0; scan < SCANS_PER_SECOND; scan++) {
        worn.step(KilnModel.Faults.NONE);
        healthy.step(KilnModel.Faults.NONE);
      }
      assertEquals(0.5 * hour, worn.tcB(5) - healthy.tcB(5), 1e-6, "after " + hour + " h");
      assertEquals(healthy.tcA(5), worn.tcA(5), "thermocouple A does not drift");
      assertEquals(healthy.pv(5), worn.pv(5), "nor does the zone temperature");
      assertEquals(healthy.tcB(6), worn.tcB(6), "nor zone 06's thermocouple B");
    }
  }

  @Test
  void thermocoupleDriftStopsGrowingAt30Degrees() {
    var kiln = new KilnModel(42L, 3600.0);
    for (int scan = 0; scan < 100 * SCANS_PER_SECOND; scan++) {
      kiln.step(KilnModel.Faults.NONE);
    }
    assertEquals(KilnModel.MAX_DRIFT_C, kiln.tcDrift(), 1e-9);
    assertEquals(30.0, kiln.tcB(5) - kiln.tcA(5), 3.0);
  }

  @Test
  void mx01CurrentCreepsUpAQuarterAmperePerDayOfWearWhileMixing() {
    // At 8640x one two-minute batch is twelve days of wear.
    var worn = new MixerModel(1, 42L, 0, 8640.0);
    var healthy = new MixerModel(1, 42L, 0, 0.0);
    int scans = stepUntilSettledMixing(worn, healthy);
    double days = scans * PlcModel.SCAN_SECONDS * 8640.0 / 86_400.0;
    assertEquals(0.25 * days, worn.creep(), 1e-9);
    assertEquals(worn.creep(), worn.current() - healthy.current(), 1e-9);
    assertEquals(worn.creep(), worn.runCurrent() - healthy.runCurrent(), 1e-9);
  }

  @Test
  void mx02DoesNotWear() {
    var mx02 = new MixerModel(2, 42L, 0, 86_400.0);
    for (int scan = 0; scan < MixerModel.CYCLE_TICKS; scan++) {
      mx02.step(false);
    }
    assertEquals(0.0, mx02.creep());
  }

  @Test
  void currentCreepStopsAtTwentyAmperes() {
    var mixer = new MixerModel(1, 42L, 0, 86_400.0);
    for (int scan = 0; scan < MixerModel.CYCLE_TICKS; scan++) {
      mixer.step(false);
    }
    assertEquals(MixerModel.MAX_CREEP_A, mixer.creep(), 1e-9);
  }

  /** Steps both until the inrush has passed; returns the scans stepped. */
  private static int stepUntilSettledMixing(MixerModel worn, MixerModel healthy) {
    int settledScans = (int) Math.round(MixerModel.INRUSH_SETTLED_S / PlcModel.SCAN_SECONDS);
    int scans = 0;
    int mixing = 0;
    while (mixing <= settledScans) {
      worn.step(false);
      healthy.step(false);
      scans++;
      mixing = worn.state() == MixerModel.MIXING ? mixing + 1 : 0;
    }
    return scans;
  }
}
