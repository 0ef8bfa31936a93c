/**
 * The test kit: what the gateway's tests share, and the application modules' tests with them
 * through the core's test-jar. Mosquitto brokers of a test's own ({@link
 * io.floorgate.testkit.MosquittoProcess}), gateway configs that read the simulated plant ({@link
 * io.floorgate.testkit.TestPlant}), and real MQTT subscribers: {@link
 * io.floorgate.testkit.Recorder} keeps every message, {@link
 * io.floorgate.testkit.DurableSubscriber} is a historian whose session outlives a broker restart
 * and {@link io.floorgate.testkit.Heartbeats} judges what it received; all of them connect through
 * {@link io.floorgate.testkit.MqttTestClient}. The plain OPC UA client that changes the plant
 * behind the driver's back is the simulator's {@code io.floorgate.sim.PlcWriter}.
 */
@NullMarked
package io.floorgate.testkit;

import org.jspecify.annotations.NullMarked;
