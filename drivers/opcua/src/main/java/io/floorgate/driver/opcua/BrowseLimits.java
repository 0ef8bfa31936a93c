package io.floorgate.driver.opcua;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import java.util.List;
import java.util.Optional;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaExceptionStatus;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's MaxNodesPerBrowse and MaxNodesPerRead, capped by the browse's own batch sizes.
 * Read with a Read of exactly these two nodes: a small PLC refuses a Read of all twelve
 * OperationLimits at once when its MaxNodesPerRead is below twelve.
 */
record BrowseLimits(int nodesPerBrowse, int nodesPerRead) {

  private static final Logger log = LoggerFactory.getLogger(BrowseLimits.class);

  BrowseLimits {
    if (nodesPerBrowse < 1 || nodesPerRead < 1) {
      throw new IllegalArgumentException("limits must be >= 1");
    }
  }

  static BrowseLimits read(OpcUaClient client, int browseCap, int readCap) {
    List<NodeId> nodes = List.of(
        NodeIds.Server_ServerCapabilities_OperationLimits_MaxNodesPerBrowse,
        NodeIds.Server_ServerCapabilities_OperationLimits_MaxNodesPerRead);
    List<ReadValueId> reads = nodes.stream().map(n ->
        new ReadValueId(n, AttributeId.Value.uid(), null, QualifiedName.NULL_VALUE)).toList();
    Optional<UInteger> browse = Optional.empty();
    Optional<UInteger> read = Optional.empty();
    try {
      DataValue[] values = client.readAsync(0.0, TimestampsToReturn.Neither, reads)
          .get(10_000, MILLISECONDS).getResults();
      if (values != null && values.length == 2) {
        browse = limit(values[0]);
        read = limit(values[1]);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // Not every server has OperationLimits; splitting on refusal finds the real size.
      log.debug("browse: no OperationLimits ({})", UaExceptionStatus.extract(Causes.unwrap(e))
          .map(Object::toString).orElse(Causes.describe(e)));
    }
    return new BrowseLimits(pick(browseCap, browse), pick(readCap, read));
  }

  private static Optional<UInteger> limit(DataValue value) {
    return value.statusCode().isGood() && value.value().value() instanceof UInteger u
        ? Optional.of(u) : Optional.empty();
  }

  /** The smaller of our cap and the server's limit, where the server's 0 means "no limit". */
  static int pick(int cap, Optional<UInteger> server) {
    long published = server.map(UInteger::longValue).orElse(0L);
    return published > 0 ? (int) Math.min(cap, published) : cap;
  }
}
