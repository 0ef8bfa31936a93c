package io.floorgate.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@code Faults.HeartbeatStall}: the PLC's heartbeat stops counting and resumes from where it was. */
class HeartbeatStallTest {

  private static final KilnModel.Faults STALL = new KilnModel.Faults(0, 0, false, false, true, 0);

  @Test
  void stalledKilnHeartbeatStaysPutAndCountsOnWhenReleased() {
    var kiln = new KilnModel(42L);
    for (int scan = 0; scan < 20; scan++) {
      kiln.step(KilnModel.Faults.NONE);
    }
    for (int scan = 0; scan < 50; scan++) {
      kiln.step(STALL);
      assertEquals(20, kiln.heartbeat());
    }
    kiln.step(KilnModel.Faults.NONE);
    assertEquals(21, kiln.heartbeat());
  }

  @Test
  void stalledMixerHeartbeatStaysPutWhileTheBatchGoesOn() {
    var mixer = new MixerModel(1, 42L, 0);
    mixer.step(false, false);
    for (int scan = 0; scan < MixerModel.IDLE_TICKS; scan++) {
      mixer.step(false, true);
    }
    assertEquals(1, mixer.heartbeat());
    assertEquals(MixerModel.CHARGING, mixer.state());
    mixer.step(false, false);
    assertEquals(2, mixer.heartbeat());
  }
}
