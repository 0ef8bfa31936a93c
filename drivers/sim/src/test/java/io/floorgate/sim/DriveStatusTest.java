package io.floorgate.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Running, AtSpeed and the start counter of a mixer's drive, stepped without a server. */
class DriveStatusTest {

  @Test
  void everyBatchStartsTheMotorOnceSoTheCounterRisesByOnePerCycle() {
    var mixer = new MixerModel(1, 42L, 0);
    long first = mixer.starts();
    for (int scan = 0; scan < 3 * MixerModel.CYCLE_TICKS; scan++) {
      mixer.step(false);
    }
    assertEquals(first + 3, mixer.starts());
  }

  @Test
  void motorRunsWhileMixingAndDischargingOnly() {
    var mixer = new MixerModel(1, 42L, 0);
    for (int scan = 0; scan < MixerModel.CYCLE_TICKS; scan++) {
      mixer.step(false);
      short state = mixer.state();
      boolean turning = state == MixerModel.MIXING || state == MixerModel.DISCHARGING;
      assertEquals(turning, mixer.running(), "state " + state + " at scan " + scan);
    }
  }

  @Test
  void atSpeedOnlyOnceTheShaftIsWithinFivePercentOfItsSpeed() {
    var mixer = new MixerModel(1, 42L, 0);
    while (mixer.state() != MixerModel.MIXING) {
      mixer.step(false);
    }
    assertTrue(mixer.running());
    assertFalse(mixer.atSpeed(), () -> "just started, at " + mixer.speed() + " rpm");
    for (int scan = 0; scan < 50; scan++) {
      mixer.step(false);
    }
    assertTrue(mixer.atSpeed(), () -> "after 5 s at " + mixer.speed() + " rpm");
  }

  @Test
  void aTrippedDriveIsNotRunningAndItsRestartCountsAsAStart() {
    var mixer = new MixerModel(1, 42L, 0);
    while (mixer.state() != MixerModel.MIXING) {
      mixer.step(false);
    }
    long started = mixer.starts();
    mixer.step(true);
    assertFalse(mixer.running());
    for (int scan = 0; scan < MixerModel.CYCLE_TICKS; scan++) {
      mixer.step(false);
    }
    assertEquals(started + 1, mixer.starts());
  }

  @Test
  void counterWrapsAtTwoToTheThirtySecondAsAUInt32Does() {
    var drive = new DriveStatus(false, 4_294_967_295L);
    drive.update(true, 120.0, 120.0);
    assertEquals(0L, drive.starts());
  }
}
