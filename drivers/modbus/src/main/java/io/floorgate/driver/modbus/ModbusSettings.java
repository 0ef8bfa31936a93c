package io.floorgate.driver.modbus;

import java.time.Duration;
import java.util.Objects;

/**
 * A Modbus connection's own keys ({@code modbus:} in the connection section).
 *
 * <p>Defaults and bounds: {@code unitId} 1 (0–255); {@code maxRegistersPerRead} 125 (1–125, the
 * protocol's limit); {@code maxBitsPerRead} 2000 (1–2000); {@code maxGap} 10 registers bridged
 * between two tags to read them in one request (0–125; 0 for devices with holes in their map,
 * which answer a bridged hole with exception 2); {@code timeout} 1s per request (50ms–1m);
 * {@code writeMultiple} false (true: write one-register values with function 16, for devices
 * without function 6).
 *
 * @param unitId        the unit id of the connection's requests; a tag may name its own
 * @param limits        how requests are coalesced
 * @param timeout       how long one request may wait for its answer
 * @param writeMultiple always write with function 16
 */
record ModbusSettings(int unitId, ReadLimits limits, Duration timeout, boolean writeMultiple) {

  static final int DEFAULT_UNIT_ID = 1;
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
  static final Duration MIN_TIMEOUT = Duration.ofMillis(50);
  static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);
  static final ModbusSettings DEFAULTS =
      new ModbusSettings(DEFAULT_UNIT_ID, ReadLimits.DEFAULT, DEFAULT_TIMEOUT, false);

  ModbusSettings {
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(timeout, "timeout");
    if (unitId < 0 || unitId > 255) {
      throw new IllegalArgumentException("unitId " + unitId + " is outside 0..255");
    }
  }
}
