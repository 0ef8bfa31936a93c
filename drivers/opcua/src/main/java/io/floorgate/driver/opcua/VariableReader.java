package io.floorgate.driver.opcua;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.OpcUaDataType;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;
import org.eclipse.milo.opcua.stack.core.types.structured.Range;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.jspecify.annotations.Nullable;

/** Reads what a config needs of browsed variables: data type, rank, description, EU, EURange. */
final class VariableReader {

  private static final int ATTRIBUTES = 5;
  private static final int CHUNK = 500;

  private final OpcUaClient client;

  VariableReader(OpcUaClient client) {
    this.client = client;
  }

  List<BrowsedNode> read(List<BrowsedNode.Pending> vars, List<List<ReferenceDescription>> children) {
    List<ReadValueId> reads = new ArrayList<>();
    for (int i = 0; i < vars.size(); i++) {
      NodeId id = vars.get(i).nodeId();
      reads.add(attribute(id, AttributeId.DataType));
      reads.add(attribute(id, AttributeId.ValueRank));
      reads.add(attribute(id, AttributeId.Description));
      reads.add(property(children.get(i), "EngineeringUnits"));
      reads.add(property(children.get(i), "EURange"));
    }
    List<DataValue> values;
    try {
      values = ChunkedRead.read(client, reads, CHUNK, 30_000);
    } catch (UaException e) {
      throw new IllegalStateException("reading the attributes of " + vars.size()
          + " variables failed: " + Causes.describe(e), e);
    }
    List<BrowsedNode> nodes = new ArrayList<>(vars.size());
    for (int i = 0; i < vars.size(); i++) {
      int at = i * ATTRIBUTES;
      BrowsedNode.Pending p = vars.get(i);
      Object type = values.get(at).value().value();
      Object rank = values.get(at + 1).value().value();
      Object description = values.get(at + 2).value().value();
      EUInformation eu = decode(values.get(at + 3), EUInformation.class);
      Range range = decode(values.get(at + 4), Range.class);
      nodes.add(new BrowsedNode(p.path(), p.nodeId().toParseableString(), true,
          type instanceof NodeId n ? typeName(n) : null,
          rank instanceof Integer r && r >= 1,
          eu == null || eu.getDisplayName() == null ? null : blankToNull(eu.getDisplayName().text()),
          range == null ? null : range.getLow(), range == null ? null : range.getHigh(),
          description instanceof LocalizedText t ? blankToNull(t.text()) : null));
    }
    return nodes;
  }

  private static ReadValueId attribute(NodeId id, AttributeId attribute) {
    return new ReadValueId(id, attribute.uid(), null, QualifiedName.NULL_VALUE);
  }

  /** The property's value, or a read of nothing (an invalid node id) when there is none. */
  private ReadValueId property(List<ReferenceDescription> refs, String name) {
    for (ReferenceDescription ref : refs) {
      if (name.equals(ref.getBrowseName().name())) {
        NodeId id = ref.getNodeId().toNodeId(client.getNamespaceTable()).orElse(NodeId.NULL_VALUE);
        return attribute(id, AttributeId.Value);
      }
    }
    return attribute(NodeId.NULL_VALUE, AttributeId.Value);
  }

  private <T> @Nullable T decode(DataValue value, Class<T> type) {
    if (!value.statusCode().isGood() || !(value.value().value() instanceof ExtensionObject xo)) {
      return null;
    }
    try {
      Object decoded = xo.decode(client.getStaticEncodingContext());
      return type.isInstance(decoded) ? type.cast(decoded) : null;
    } catch (RuntimeException e) {
      return null; // a server's odd encoding of a property must not stop the browse
    }
  }

  static String typeName(NodeId type) {
    OpcUaDataType builtin = OpcUaDataType.fromNodeId(type);
    if (builtin != null) {
      return builtin.name();
    }
    if (type.getNamespaceIndex().intValue() == 0 && type.getIdentifier() instanceof
        org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger id) {
      return switch (id.intValue()) {
        case 26 -> "Number";
        case 27 -> "Integer";
        case 28 -> "UInteger";
        case 29 -> "Enumeration";
        case 290 -> "Duration";
        case 294 -> "UtcTime";
        default -> type.toParseableString();
      };
    }
    return type.toParseableString();
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
