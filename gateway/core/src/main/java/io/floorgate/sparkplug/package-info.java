/**
 * The Sparkplug B 3.0 edge node: the gateway is the edge node, each PLC connection one of its
 * devices. {@link io.floorgate.sparkplug.SparkplugNode} keeps its own MQTT 5 session (Paho, a new
 * Will with the next bdSeq for every CONNECT), publishes births, deaths and DATA by exception with
 * one shared {@code seq}, answers rebirth requests, follows the primary host's STATE across a
 * list of brokers, and writes DCMD values to the PLCs through a
 * {@link io.floorgate.sparkplug.DeviceWriter} after checking them against the config. Payloads are
 * encoded and decoded with Eclipse Tahu.
 */
@NullMarked
package io.floorgate.sparkplug;

import org.jspecify.annotations.NullMarked;
