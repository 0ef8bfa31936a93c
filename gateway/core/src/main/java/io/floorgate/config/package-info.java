/**
 * Configuration: YAML parsed once into validated, immutable records. Every error is collected
 * and reported together with its YAML path, line and what to change.
 */
@NullMarked
package io.floorgate.config;

import org.jspecify.annotations.NullMarked;
