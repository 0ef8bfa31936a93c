package io.floorgate.lanes;

import io.floorgate.Floorgate;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every test of the broker lanes shares: the simulated plant, started once per class, a
 * directory of each test's own, and a gateway closed after each test before the test's brokers
 * and clients ({@link #closeOthers()}).
 */
abstract class LaneTest {

  static final Duration WAIT = Duration.ofSeconds(30);

  static SimulatedPlant plant;

  @TempDir Path dir;
  Floorgate gateway;

  @BeforeAll
  static void startPlant() {
    plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 12, 0, 1.0));
  }

  @AfterAll
  static void stopPlant() {
    plant.close();
  }

  @AfterEach
  final void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    closeOthers();
  }

  /** Closes the test's brokers and clients, after the gateway. */
  abstract void closeOthers() throws Exception;

  static void closeAll(AutoCloseable... parts) throws Exception {
    for (AutoCloseable part : parts) {
      if (part != null) {
        part.close();
      }
    }
  }
}
