package io.floorgate.driver.opcua;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;

/** A plain Milo client, separate from the driver, that writes to the simulated PLC's faults. */
final class PlcWriter implements AutoCloseable {

  private final OpcUaClient client;

  PlcWriter(String endpointUrl) throws Exception {
    client = OpcUaClient.create(endpointUrl);
    client.connectAsync().get(10, TimeUnit.SECONDS);
  }

  void write(String nodeId, Variant value) throws Exception {
    List<StatusCode> results = client
        .writeValuesAsync(List.of(NodeId.parse(nodeId)), List.of(DataValue.valueOnly(value)))
        .get(10, TimeUnit.SECONDS);
    assertTrue(results.get(0).isGood(), "write " + nodeId + " = " + value + ": " + results);
  }

  @Override
  public void close() throws Exception {
    client.disconnectAsync().get(10, TimeUnit.SECONDS);
  }
}
