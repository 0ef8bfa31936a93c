/**
 * The OPC UA driver on Eclipse Milo's client SDK. The public types are the driver
 * ({@link io.floorgate.driver.opcua.OpcUaDriver}), the trust list as files for {@code floorgate
 * trust} ({@link io.floorgate.driver.opcua.TrustStore}) and address-space discovery for {@code
 * floorgate browse} ({@link io.floorgate.driver.opcua.Browser},
 * {@link io.floorgate.driver.opcua.BrowsedNode}); no Milo type leaves this package.
 *
 * <p>Threads: each driver owns one scheduled thread that connects, creates and restores
 * subscriptions and runs the polling timers. Milo's threads only convert values and hand them to
 * the (non-blocking) sink, or post work to the driver's thread.
 */
@NullMarked
package io.floorgate.driver.opcua;

import org.jspecify.annotations.NullMarked;
