package io.floorgate.sim;

import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;

/**
 * One variable of a simulated PLC as the physics sees it: the models write values through it and
 * read the fault variables that clients wrote. It belongs to the {@link ScanSampler} that reports
 * its changes to monitored items.
 */
final class SimTag {

  private final UaVariableNode node;
  private final ScanSampler sampler;

  SimTag(UaVariableNode node, ScanSampler sampler) {
    this.node = node;
    this.sampler = sampler;
  }

  UaVariableNode node() {
    return node;
  }

  ScanSampler sampler() {
    return sampler;
  }

  void publish(Variant value, Stamp stamp) {
    node.setValue(new DataValue(value, StatusCode.GOOD, stamp.source(), stamp.server()));
  }

  void publish(double value, Stamp stamp) {
    publish(Variant.ofDouble(value), stamp);
  }

  /** A value the PLC cannot vouch for: no value, only the status saying why. */
  void publishBad(long statusCode, Stamp stamp) {
    node.setValue(
        new DataValue(
            Variant.NULL_VALUE, new StatusCode(statusCode), stamp.source(), stamp.server()));
  }

  /** The current value as an int; anything a client wrote that is not a number counts as 0. */
  int intValue() {
    Object value = node.getValue().value().value();
    return value instanceof Number number ? number.intValue() : 0;
  }

  /** The current value as a double; NaN when a client wrote something that is not a number. */
  double doubleValue() {
    Object value = node.getValue().value().value();
    return value instanceof Number number ? number.doubleValue() : Double.NaN;
  }

  boolean booleanValue() {
    return node.getValue().value().value() instanceof Boolean b && b;
  }
}
