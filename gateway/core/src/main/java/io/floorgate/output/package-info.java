/**
 * The seam every northbound output plugs into: {@link io.floorgate.output.Output} (start, accept
 * a reading, health, meters, reload, close). The UNS publisher, the Sparkplug edge node and the
 * alarm lane implement it; the composition root builds the list of enabled outputs from the
 * config and knows nothing else of them.
 */
@NullMarked
package io.floorgate.output;

import org.jspecify.annotations.NullMarked;
