package io.floorgate.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;

/** A real Milo client connected to one simulated PLC, with the few calls the tests need. */
final class SimClient implements AutoCloseable {

  private final OpcUaClient client;

  private SimClient(OpcUaClient client) {
    this.client = client;
  }

  static SimClient connect(SimulatedPlc plc) throws UaException {
    OpcUaClient client = OpcUaClient.create(plc.endpointUrl());
    client.connect();
    return new SimClient(client);
  }

  static NodeId node(String id) {
    return new NodeId(2, id);
  }

  OpcUaClient milo() {
    return client;
  }

  DataValue read(String id) throws UaException {
    return client.readValue(0.0, TimestampsToReturn.Both, node(id));
  }

  Object value(String id) throws UaException {
    return read(id).value().value();
  }

  double doubleValue(String id) throws UaException {
    return ((Number) value(id)).doubleValue();
  }

  DataValue readAttribute(String id, AttributeId attribute) throws UaException {
    var rv = new ReadValueId(node(id), attribute.uid(), null, null);
    return client.read(0.0, TimestampsToReturn.Neither, List.of(rv)).getResults()[0];
  }

  StatusCode write(String id, Variant value) throws UaException {
    return client.writeValues(List.of(node(id)), List.of(DataValue.valueOnly(value))).get(0);
  }

  /** Writes a fault variable and fails the test when the PLC refuses it. */
  void inject(String id, Variant value) throws UaException {
    StatusCode status = write(id, value);
    assertTrue(status.isGood(), () -> "writing " + id + " gave " + status);
  }

  @Override
  public void close() throws UaException {
    client.disconnect();
  }
}
