/**
 * The telemetry lane to the broker: readings are queued in memory (bounded, oldest dropped and
 * counted), encoded as Unified Namespace JSON, and published by one sender thread over one Paho
 * MQTT 5 connection whose in-flight window follows the broker's Receive Maximum. Each tag's unit,
 * range and description go to a retained {@code …/_meta} topic after every connect.
 */
@NullMarked
package io.floorgate.mqtt;

import org.jspecify.annotations.NullMarked;
