package io.floorgate.sim;

import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;

/** The OPC UA data types the simulated PLCs expose, each with the value a fresh PLC reports. */
enum TagType {
  BOOLEAN(NodeIds.Boolean, Variant.ofBoolean(false)),
  INT16(NodeIds.Int16, Variant.ofInt16((short) 0)),
  INT32(NodeIds.Int32, Variant.ofInt32(0)),
  UINT32(NodeIds.UInt32, Variant.ofUInt32(UInteger.MIN)),
  DOUBLE(NodeIds.Double, Variant.ofDouble(0.0)),
  STRING(NodeIds.String, Variant.ofString(""));

  private final NodeId dataType;
  private final Variant initial;

  TagType(NodeId dataType, Variant initial) {
    this.dataType = dataType;
    this.initial = initial;
  }

  NodeId dataType() {
    return dataType;
  }

  Variant initial() {
    return initial;
  }
}
