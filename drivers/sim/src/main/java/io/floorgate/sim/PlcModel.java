package io.floorgate.sim;

import java.time.Instant;

/** The physics of one simulated PLC. Everything is called on the plant's scan, one at a time. */
interface PlcModel {

  /** One scan period, in seconds: the models' time step. */
  double SCAN_SECONDS = 0.1;

  /** Creates this PLC's variables in a freshly started server's namespace. */
  void declare(PlantNamespace namespace);

  /** Reads the fault variables and advances the physics by one scan. */
  void step(Instant now);

  /** Writes the current state to the variables declared last. */
  void publish(Instant now);

  /** The PLC's clock, which stamps every value it reports. */
  PlcClock clock();
}
