/**
 * Modbus TCP acquisition on {@code com.digitalpetri.modbus}: where a tag lives
 * ({@link io.floorgate.driver.modbus.ModbusTag}), how its registers become a Java value
 * ({@link io.floorgate.driver.modbus.RegisterCodec}), how a group of tags becomes as few read
 * requests as the device allows ({@link io.floorgate.driver.modbus.RequestPlanner}), and the
 * polling reader and writer on a connected client. Everything is package-private until the driver
 * SPI adapter lands; nothing here knows the gateway, and no digitalpetri type leaves this package.
 */
@NullMarked
package io.floorgate.driver.modbus;

import org.jspecify.annotations.NullMarked;
