package io.floorgate;

import java.util.List;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;

/**
 * A plain OPC UA client, as an operator's tool would be, for writing to a PLC's variables in
 * tests (fault injection into the simulator's {@code Faults} folder) and reading them back.
 */
public final class PlcWriter implements AutoCloseable {

  private final OpcUaClient client;

  private PlcWriter(OpcUaClient client) {
    this.client = client;
  }

  public static PlcWriter connect(String endpointUrl) throws UaException {
    OpcUaClient client = OpcUaClient.create(endpointUrl);
    client.connect();
    return new PlcWriter(client);
  }

  /** Writes one value; fails the test with the server's status if the write is refused. */
  public void write(String nodeId, Object value) throws UaException {
    List<StatusCode> results = client.writeValues(
        List.of(NodeId.parse(nodeId)), List.of(DataValue.valueOnly(new Variant(value))));
    if (!results.get(0).isGood()) {
      throw new AssertionError("write of " + value + " to " + nodeId + " refused: " + results.get(0));
    }
  }

  /** The variable's current value, as the server has it (a Java object: Double, Integer, …). */
  public Object read(String nodeId) throws UaException {
    DataValue value = client.readValue(0.0, TimestampsToReturn.Neither, NodeId.parse(nodeId));
    if (!value.statusCode().isGood()) {
      throw new AssertionError("read of " + nodeId + " failed: " + value.statusCode());
    }
    return value.value().value();
  }

  @Override
  public void close() throws UaException {
    client.disconnect();
  }
}
