package io.floorgate.sim;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfigLimits;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.servicesets.MonitoredItemServiceSet;
import org.eclipse.milo.opcua.sdk.server.servicesets.impl.DefaultMonitoredItemServiceSet;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.structured.CreateMonitoredItemsRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CreateMonitoredItemsResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.DeleteMonitoredItemsRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.DeleteMonitoredItemsResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.ModifyMonitoredItemsRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.ModifyMonitoredItemsResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.SetMonitoringModeRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.SetMonitoringModeResponse;
import org.eclipse.milo.opcua.stack.core.types.structured.SetTriggeringRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.SetTriggeringResponse;
import org.eclipse.milo.opcua.stack.transport.server.ServiceRequestContext;

/**
 * Makes a simulated PLC's server keep {@link SimLimits}: Milo enforces MaxNodesPerRead itself but
 * not MaxMonitoredItemsPerCall, so the monitored-item services are wrapped; and a PLC that does
 * not publish its limits shows 0 ("no limit") in its OperationLimits.
 */
final class PlcLimits {

  private PlcLimits() {}

  static OpcUaServerConfigLimits config(SimLimits limits) {
    return new OpcUaServerConfigLimits() {
      @Override
      public UInteger getMaxNodesPerRead() {
        return uint(limits.maxNodesPerRead());
      }

      @Override
      public UInteger getMaxMonitoredItemsPerCall() {
        return uint(limits.maxMonitoredItemsPerCall());
      }
    };
  }

  /** Call after the server is built and before it starts. */
  static void apply(OpcUaServer server, String path, SimLimits limits) {
    if (!limits.equals(SimLimits.DEFAULT)) {
      server.addServiceSet(path, new Enforcing(new DefaultMonitoredItemServiceSet(server),
          limits.maxMonitoredItemsPerCall()));
    }
    if (!limits.published()) {
      hide(server, NodeIds.Server_ServerCapabilities_OperationLimits_MaxNodesPerRead);
      hide(server, NodeIds.Server_ServerCapabilities_OperationLimits_MaxMonitoredItemsPerCall);
    }
  }

  private static void hide(OpcUaServer server, NodeId id) {
    server.getAddressSpaceManager().getManagedNode(id)
        .filter(UaVariableNode.class::isInstance)
        .map(UaVariableNode.class::cast)
        .ifPresent(node -> node.setValue(new DataValue(Variant.ofUInt32(uint(0)))));
  }

  private static final class Enforcing implements MonitoredItemServiceSet {
    private final MonitoredItemServiceSet delegate;
    private final int max;

    Enforcing(MonitoredItemServiceSet delegate, int max) {
      this.delegate = delegate;
      this.max = max;
    }

    private void check(Object[] items) throws UaException {
      if (items != null && items.length > max) {
        throw new UaException(StatusCodes.Bad_TooManyOperations,
            items.length + " items in one call; this PLC takes at most " + max);
      }
    }

    @Override
    public CreateMonitoredItemsResponse onCreateMonitoredItems(ServiceRequestContext context,
        CreateMonitoredItemsRequest request) throws UaException {
      check(request.getItemsToCreate());
      return delegate.onCreateMonitoredItems(context, request);
    }

    @Override
    public ModifyMonitoredItemsResponse onModifyMonitoredItems(ServiceRequestContext context,
        ModifyMonitoredItemsRequest request) throws UaException {
      check(request.getItemsToModify());
      return delegate.onModifyMonitoredItems(context, request);
    }

    @Override
    public DeleteMonitoredItemsResponse onDeleteMonitoredItems(ServiceRequestContext context,
        DeleteMonitoredItemsRequest request) throws UaException {
      check(request.getMonitoredItemIds());
      return delegate.onDeleteMonitoredItems(context, request);
    }

    @Override
    public SetMonitoringModeResponse onSetMonitoringMode(ServiceRequestContext context,
        SetMonitoringModeRequest request) throws UaException {
      return delegate.onSetMonitoringMode(context, request);
    }

    @Override
    public SetTriggeringResponse onSetTriggering(ServiceRequestContext context,
        SetTriggeringRequest request) throws UaException {
      return delegate.onSetTriggering(context, request);
    }
  }
}
