/**
 * The driver SPI: what the southbound side hands the gateway. A {@link io.floorgate.driver.Driver}
 * reads one PLC connection described by a {@link io.floorgate.driver.ConnectionSpec} and delivers
 * {@link io.floorgate.driver.Sample}s to a {@link io.floorgate.driver.SampleSink}. Nothing here
 * knows MQTT, and nothing here exposes a Milo type.
 */
@NullMarked
package io.floorgate.driver;

import org.jspecify.annotations.NullMarked;
