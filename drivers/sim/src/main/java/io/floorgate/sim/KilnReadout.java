package io.floorgate.sim;

/**
 * What the kiln's field instruments see of it at one scan: the soak zone's O2 and the heater
 * bank's load. The kiln publishes a new one every scan; the Modbus devices read the latest without
 * waiting for the scan.
 *
 * @param o2Pct O2 in the soak zone's atmosphere, percent by volume (about 92 in normal operation)
 * @param heaterOutPct mean heater output over the twelve zones, 0 to 100
 */
record KilnReadout(double o2Pct, double heaterOutPct) {}
