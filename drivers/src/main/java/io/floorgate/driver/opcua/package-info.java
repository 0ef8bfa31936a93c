/**
 * The OPC UA driver on Eclipse Milo's client SDK. {@link io.floorgate.driver.opcua.OpcUaDriver} is
 * the only public type; everything Milo stays inside this package.
 *
 * <p>Threads: each driver owns one scheduled thread that connects, creates and restores
 * subscriptions and runs the polling timers. Milo's threads only convert values and hand them to
 * the (non-blocking) sink, or post work to the driver's thread.
 */
@NullMarked
package io.floorgate.driver.opcua;

import org.jspecify.annotations.NullMarked;
