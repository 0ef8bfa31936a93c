/**
 * The simulated Isohara plant: one Milo OPC UA server per PLC (roller hearth kiln {@code RHK01},
 * powder mixers {@code MX01} and {@code MX02}) with slow, seeded physics, writable fault injection
 * and a load mode for benchmarks, and two Modbus TCP devices on the kiln (O2 analyzer {@code
 * O2A01}, heater-bank power meter {@code PM01}) served by digitalpetri's Modbus library. Demo,
 * tests and bench run against it instead of hardware. {@link io.floorgate.sim.SimulatedPlant} is
 * the entry point.
 */
@NullMarked
package io.floorgate.sim;

import org.jspecify.annotations.NullMarked;
