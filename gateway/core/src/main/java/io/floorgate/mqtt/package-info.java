/**
 * The telemetry lane to the broker: readings wait in the store-and-forward buffer on disk until
 * the broker acknowledges them, are encoded as Unified Namespace JSON, and are published by one
 * sender thread over one Paho MQTT 5 connection (brokers tried in order, TLS with a CA file and an
 * optional client certificate) whose in-flight window follows the broker's Receive Maximum. Live
 * readings go first; a backlog is replayed oldest first beside them. Each tag's unit, range and
 * description go to a retained {@code …/_meta} topic after every connect.
 */
@NullMarked
package io.floorgate.mqtt;

import org.jspecify.annotations.NullMarked;
