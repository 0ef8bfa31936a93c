package io.floorgate;

import java.util.List;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;

/**
 * A plain OPC UA client, as an operator's tool would be, for writing to a PLC's variables in
 * tests (fault injection into the simulator's {@code Faults} folder).
 */
final class PlcWriter implements AutoCloseable {

  private final OpcUaClient client;

  private PlcWriter(OpcUaClient client) {
    this.client = client;
  }

  static PlcWriter connect(String endpointUrl) throws UaException {
    OpcUaClient client = OpcUaClient.create(endpointUrl);
    client.connect();
    return new PlcWriter(client);
  }

  /** Writes one value; fails the test with the server's status if the write is refused. */
  void write(String nodeId, Object value) throws UaException {
    List<StatusCode> results = client.writeValues(
        List.of(NodeId.parse(nodeId)), List.of(DataValue.valueOnly(new Variant(value))));
    if (!results.get(0).isGood()) {
      throw new AssertionError("write of " + value + " to " + nodeId + " refused: " + results.get(0));
    }
  }

  @Override
  public void close() throws UaException {
    client.disconnect();
  }
}
