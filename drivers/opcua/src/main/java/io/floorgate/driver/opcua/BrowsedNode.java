package io.floorgate.driver.opcua;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.enumerated.NodeClass;
import org.jspecify.annotations.Nullable;

/**
 * One node found by {@link Browser}.
 *
 * @param path        browse names from below Objects down to this node
 * @param nodeId      its node id with the namespace URI, e.g.
 *                    {@code nsu=urn:isohara:rhk01;s=RHK01.Zone03.TempPV}: an index into the
 *                    server's namespace table may name another namespace after a restart
 * @param parentId    the node id of the folder or object it was found under ({@code i=85} for
 *                    Objects)
 * @param variable    a variable (a value to read) rather than an object (a folder)
 * @param dataType    the data type's name ({@code Double}, {@code Int32}, …), or its node id
 *                    for types that are not built in; null for objects
 * @param array       whether the value is an array (ValueRank 1 or more)
 * @param unit        the unit symbol: from the UNECE code of its EngineeringUnits where the code
 *                    is a known one, else the EngineeringUnits' display name; null when none
 * @param unitText    the EngineeringUnits' display name as the server sent it
 * @param rangeLow    the EURange's low end, when the server has it
 * @param rangeHigh   the EURange's high end
 * @param description the node's description, when it has one
 * @param states      state names by code, from EnumStrings, EnumValues or a two-state
 *                    variable's FalseState (0) and TrueState (1); empty when it has none
 */
public record BrowsedNode(List<String> path, String nodeId, String parentId, boolean variable,
    @Nullable String dataType, boolean array, @Nullable String unit, @Nullable String unitText,
    @Nullable Double rangeLow, @Nullable Double rangeHigh, @Nullable String description,
    Map<Long, String> states) {

  public BrowsedNode {
    path = List.copyOf(path);
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(parentId, "parentId");
    states = Map.copyOf(states);
  }

  /** A node waiting to be browsed; variables are reported once their properties are known. */
  record Pending(NodeId nodeId, String id, List<String> path, int depth,
      @Nullable NodeClass nodeClass, String parentId) {}

  static BrowsedNode object(Pending p) {
    return new BrowsedNode(p.path(), p.id(), p.parentId(), false, null, false, null, null, null,
        null, null, Map.of());
  }
}
