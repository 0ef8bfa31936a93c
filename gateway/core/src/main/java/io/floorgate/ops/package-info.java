/**
 * Running the gateway unattended: Prometheus metrics (one Micrometer {@code MeterBinder} per
 * component), liveness and readiness, the status page with its live WebSocket stream, and hot
 * reload of the configuration. Everything here reads the other features through their public
 * getters; nothing here is on the path of a reading except {@link io.floorgate.ops.LinkBook} and
 * {@link io.floorgate.ops.LatestValues}, which only count and remember.
 */
@NullMarked
package io.floorgate.ops;

import org.jspecify.annotations.NullMarked;
