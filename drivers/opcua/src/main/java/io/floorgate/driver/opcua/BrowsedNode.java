package io.floorgate.driver.opcua;

import java.util.List;
import java.util.Objects;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.jspecify.annotations.Nullable;

/**
 * One node found by {@link Browser}.
 *
 * @param path        browse names from below Objects down to this node
 * @param nodeId      its node id, e.g. {@code ns=2;s=RHK01.Zone03.TempPV}
 * @param variable    a variable (a value to read) rather than an object (a folder)
 * @param dataType    the data type's name ({@code Double}, {@code Int32}, …), or its node id
 *                    for types that are not built in; null for objects
 * @param array       whether the value is an array (ValueRank 1 or more)
 * @param unit        the EngineeringUnits' display name (e.g. {@code °C}), when the server has it
 * @param rangeLow    the EURange's low end, when the server has it
 * @param rangeHigh   the EURange's high end
 * @param description the node's description, when it has one
 */
public record BrowsedNode(List<String> path, String nodeId, boolean variable,
    @Nullable String dataType, boolean array, @Nullable String unit, @Nullable Double rangeLow,
    @Nullable Double rangeHigh, @Nullable String description) {

  public BrowsedNode {
    path = List.copyOf(path);
    Objects.requireNonNull(nodeId, "nodeId");
  }

  /** A node waiting to be browsed; variables are reported once their properties are known. */
  record Pending(NodeId nodeId, List<String> path, int depth, @Nullable NodeClass nodeClass) {}

  static BrowsedNode object(Pending p) {
    return new BrowsedNode(p.path(), p.nodeId().toParseableString(), false, null, false, null,
        null, null, null);
  }
}
