package io.floorgate.sim;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The load rate changed while the plant runs, as the bench's search for a sustainable rate does. */
@Timeout(60)
class SimulatedPlantLoadRateTest {

  @Test
  void pausedLoadStopsChangingAndResumesWithTheNextUpdateNumber() {
    try (SimulatedPlant plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 42, 10, 50))) {
      await().atMost(Duration.ofSeconds(5)).until(() -> plant.loadUpdates() > 0);

      plant.loadRate(0);
      long paused = plant.loadUpdates();
      await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
          .until(() -> plant.loadUpdates() == paused);

      plant.loadRate(50);
      await().atMost(Duration.ofSeconds(5)).until(() -> plant.loadUpdates() >= paused + 5);
    }
  }

  @Test
  void loadRateAboveTheMaximumIsRefusedNamingTheRange() {
    try (SimulatedPlant plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 42, 10, 1))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> plant.loadRate(SimOptions.MAX_RATE_HZ + 1));

      assertTrue(e.getMessage().contains("use 0 (paused) to 100.0"), e::getMessage);
    }
  }
}
