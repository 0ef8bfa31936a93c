package io.floorgate.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TakeoversTest {

  private final AtomicLong now = new AtomicLong();
  private final Takeovers takeovers =
      new Takeovers("floorgate-isohara", "mqtt.clientId", Takeovers.HOLD_OFFS, now::get);

  private void connectedFor(Duration d) {
    takeovers.connected();
    now.addAndGet(d.toNanos());
  }

  @Test
  void aTakenOverSessionIsNamedWithTheKeyToChange() {
    connectedFor(Duration.ofSeconds(3));
    String reason = takeovers.takenOver();
    assertTrue(reason.startsWith("another client with id floorgate-isohara connected to the "
        + "broker"), reason);
    assertTrue(reason.contains("each gateway needs its own `mqtt.clientId`; next attempt in 30 s"),
        reason);
  }

  @Test
  void theWaitGrowsWhileTakeoversGoOn() {
    for (Duration expected : new Duration[] {Duration.ofSeconds(30), Duration.ofMinutes(2),
        Duration.ofMinutes(5), Duration.ofMinutes(5)}) {
      connectedFor(Duration.ofSeconds(20));
      takeovers.takenOver();
      assertEquals(expected, takeovers.take());
      assertEquals(Duration.ZERO, takeovers.take(), "taken once");
    }
  }

  @Test
  void aConnectionThatLastedStartsTheWaitsAgain() {
    connectedFor(Duration.ofSeconds(20));
    takeovers.takenOver();
    takeovers.take();
    connectedFor(Duration.ofMinutes(30));
    takeovers.takenOver();
    assertEquals(Duration.ofSeconds(30), takeovers.take());
  }

  @Test
  void otherLossesReconnectAtOnce() {
    connectedFor(Duration.ofSeconds(40));
    assertEquals("connection lost", takeovers.lost("connection lost"));
    assertEquals(Duration.ZERO, takeovers.take());
  }

  @Test
  void threeLossesRightAfterConnectingAreTakenForASecondClient() {
    connectedFor(Duration.ofSeconds(1));
    assertEquals("lost", takeovers.lost("lost"));
    connectedFor(Duration.ofSeconds(1));
    assertEquals("lost", takeovers.lost("lost"));
    assertFalse(takeovers.pending());
    connectedFor(Duration.ofSeconds(1));
    String reason = takeovers.lost("lost");
    assertTrue(reason.contains("3 times in a row: another client with id floorgate-isohara may "
        + "be connected"), reason);
    assertEquals(Duration.ofSeconds(30), takeovers.take());
  }

  @Test
  void aLossAfterALongConnectionIsJustALoss() {
    for (int i = 0; i < 5; i++) {
      connectedFor(Duration.ofMinutes(1));
      assertEquals("lost", takeovers.lost("lost"));
    }
    assertEquals(Duration.ZERO, takeovers.take());
  }
}
