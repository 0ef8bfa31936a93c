/**
 * The gateway's shared value types: a normalized {@link io.floorgate.reading.Reading} and its
 * {@link io.floorgate.reading.Quality}. Every feature package may import this one; features do not
 * import each other.
 */
@NullMarked
package io.floorgate.reading;

import org.jspecify.annotations.NullMarked;
