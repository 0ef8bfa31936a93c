package io.floorgate.sim;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;

/**
 * A plain OPC UA client, as an operator's tool would be, for tests that write to a simulated
 * PLC's variables (fault injection into its {@code Faults} folder, setpoints) and read them back.
 * It is separate from the code under test on purpose: the driver's tests and the gateway's use it
 * to change the plant behind the driver's back. Every call waits at most ten seconds.
 */
public final class PlcWriter implements AutoCloseable {

  private static final long TIMEOUT_SECONDS = 10;

  private final OpcUaClient client;

  private PlcWriter(OpcUaClient client) {
    this.client = client;
  }

  /** Connects without security, as the simulator allows by default. */
  public static PlcWriter connect(String endpointUrl) throws UaException {
    OpcUaClient client = OpcUaClient.create(endpointUrl);
    await(client.connectAsync(), "connect to " + endpointUrl);
    return new PlcWriter(client);
  }

  /**
   * Writes one value, typed as Java types map to OPC UA (an {@code Integer} is an Int32, a
   * {@code Double} a Double); fails the test with the server's status if the PLC refuses it.
   */
  public void write(String nodeId, Object value) throws UaException {
    StatusCode status = await(client.writeValuesAsync(List.of(NodeId.parse(nodeId)),
        List.of(DataValue.valueOnly(new Variant(value)))), "write to " + nodeId).get(0);
    if (!status.isGood()) {
      throw new AssertionError("write of " + value + " to " + nodeId + " refused: " + status);
    }
  }

  /** The variable's current value, as the server has it (a Java object: Double, Integer, …). */
  public Object read(String nodeId) throws UaException {
    DataValue value = await(client.readValuesAsync(0.0, TimestampsToReturn.Neither,
        List.of(NodeId.parse(nodeId))), "read of " + nodeId).get(0);
    if (!value.statusCode().isGood()) {
      throw new AssertionError("read of " + nodeId + " failed: " + value.statusCode());
    }
    return value.value().value();
  }

  @Override
  public void close() throws UaException {
    await(client.disconnectAsync(), "disconnect");
  }

  private static <T> T await(CompletableFuture<T> call, String what) throws UaException {
    try {
      return call.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UaException failure) {
        throw failure;
      }
      throw new UaException(StatusCodes.Bad_UnexpectedError, what + " failed", e.getCause());
    } catch (TimeoutException e) {
      throw new UaException(StatusCodes.Bad_Timeout, what + ": no answer in " + TIMEOUT_SECONDS
          + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UaException(StatusCodes.Bad_Shutdown, what + " interrupted", e);
    }
  }
}
