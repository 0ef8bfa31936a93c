/**
 * The {@code bench} command: the capacity of this box, end to end. The simulator's load variables,
 * a broker, the gateway in a process of its own, and a subscriber that counts every value and its
 * latency (and, with the alarm probe, one that times the alarms a flipping probe variable raises);
 * then the same load through a minimal baseline pipe, for the ratio.
 *
 * <p>{@link io.floorgate.bench.BaselinePipe} is the one class outside the driver that uses Milo
 * directly: it is a measuring instrument, the ceiling the libraries allow without Floorgate.
 */
@NullMarked
package io.floorgate.bench;

import org.jspecify.annotations.NullMarked;
