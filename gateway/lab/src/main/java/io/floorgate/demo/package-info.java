/**
 * The {@code demo} command's parts that the service never loads: an embedded MQTT 5 broker
 * (HiveMQ CE, in-memory, loopback only).
 */
@NullMarked
package io.floorgate.demo;

import org.jspecify.annotations.NullMarked;
