/**
 * The command line: {@code run}, {@code check}, {@code browse}, {@code import-tags},
 * {@code trust}. Each command is a thin composition of the gateway's parts;
 * {@link io.floorgate.cli.FloorgateCli} is the jar's entry point.
 */
@NullMarked
package io.floorgate.cli;

import org.jspecify.annotations.NullMarked;
