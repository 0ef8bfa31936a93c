/**
 * Normalization: a driver {@link io.floorgate.driver.Sample} becomes a
 * {@link io.floorgate.reading.Reading} in engineering units, with its quality, the timestamp the
 * connection's policy trusts, and its ISA-95 path; unchanged values are dropped here (publish by
 * exception, client-side deadband).
 */
@NullMarked
package io.floorgate.normalize;

import org.jspecify.annotations.NullMarked;
