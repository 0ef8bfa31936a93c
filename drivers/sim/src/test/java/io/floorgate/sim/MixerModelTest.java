package io.floorgate.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mixer's physics, stepped without a server: minutes of plant time in milliseconds. */
class MixerModelTest {

  @Test
  void cycleRunsIdleChargingMixingDischargingInTwoMinutes() {
    var mixer = new MixerModel(1, 42L, 0);
    var states = new ArrayList<Short>(List.of(mixer.state()));
    for (int tick = 0; tick < MixerModel.CYCLE_TICKS; tick++) {
      mixer.step(false);
      if (states.get(states.size() - 1) != mixer.state()) {
        states.add(mixer.state());
      }
    }
    assertEquals(
        List.of(
            MixerModel.IDLE,
            MixerModel.CHARGING,
            MixerModel.MIXING,
            MixerModel.DISCHARGING,
            MixerModel.IDLE),
        states);
    assertEquals(120.0, MixerModel.CYCLE_TICKS * PlcModel.SCAN_SECONDS, 1e-9);
  }

  @Test
  void mixingStartsWithAnInrushThatDecaysToFullLoadWithinSeconds() {
    var mixer = new MixerModel(1, 42L, 0);
    while (mixer.state() != MixerModel.MIXING) {
      mixer.step(false);
    }
    assertTrue(mixer.current() > 2.2 * MixerModel.FULL_LOAD_A, () -> "inrush " + mixer.current());
    for (int tick = 0; tick < 100; tick++) {
      mixer.step(false);
    }
    assertEquals(MixerModel.FULL_LOAD_A, mixer.current(), 5.0);
    assertEquals(120.0, mixer.speed(), 1.0);
    assertEquals(85.0, mixer.torque(), 5.0);
  }

  @Test
  void everyCycleHasANewBatchId() {
    var mixer = new MixerModel(1, 42L, 0);
    var ids = new LinkedHashSet<String>();
    for (int tick = 0; tick < 3 * MixerModel.CYCLE_TICKS; tick++) {
      mixer.step(false);
      ids.add(mixer.batchId());
    }
    assertEquals(4, ids.size(), ids::toString);
    ids.forEach(id -> assertTrue(id.matches("B2611-\\d{4}"), id));
    assertTrue(new MixerModel(2, 42L, 0).batchId().startsWith("B2612-"));
  }

  @Test
  void bearingTemperatureAndVibrationStayInTheirNormalRanges() {
    var mixer = new MixerModel(1, 42L, 0);
    for (int tick = 0; tick < 5 * MixerModel.CYCLE_TICKS; tick++) {
      mixer.step(false);
      double bearing = mixer.bearingTemp();
      double vibration = mixer.vibration();
      assertTrue(bearing > 120 && bearing < 160, () -> "bearing " + bearing + " °F");
      assertTrue(vibration >= 1 && vibration <= 4, () -> "vibration " + vibration);
    }
  }

  @Test
  void overCurrentHoldsFaultAndClearingRestartsFromIdle() {
    var mixer = new MixerModel(1, 42L, 0);
    for (int tick = 0; tick < 30; tick++) {
      mixer.step(true);
      assertEquals(MixerModel.FAULT, mixer.state());
    }
    assertTrue(mixer.current() > 1.5 * MixerModel.FULL_LOAD_A, () -> "current " + mixer.current());
    mixer.step(false);
    assertEquals(MixerModel.IDLE, mixer.state());
  }

  @Test
  void sameSeedGivesTheSameValues() {
    var a = new MixerModel(1, 99L, 0);
    var b = new MixerModel(1, 99L, 0);
    var c = new MixerModel(1, 100L, 0);
    boolean differs = false;
    for (int tick = 0; tick < 500; tick++) {
      a.step(false);
      b.step(false);
      c.step(false);
      assertEquals(a.current(), b.current());
      assertEquals(a.vibration(), b.vibration());
      differs |= a.vibration() != c.vibration();
    }
    assertTrue(differs, "another seed should give other noise");
    assertNotEquals(new MixerModel(2, 99L, 0).batchId(), a.batchId());
  }
}
