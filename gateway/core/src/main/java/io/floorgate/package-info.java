/**
 * The composition root: {@link io.floorgate.Floorgate} builds the gateway from a validated
 * configuration, starts its parts in order and stops them in reverse.
 */
@NullMarked
package io.floorgate;

import org.jspecify.annotations.NullMarked;
