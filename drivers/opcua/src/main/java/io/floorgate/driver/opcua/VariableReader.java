package io.floorgate.driver.opcua;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.eclipse.milo.opcua.stack.core.types.structured.EnumValueType;
import org.eclipse.milo.opcua.stack.core.types.structured.Range;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.jspecify.annotations.Nullable;

/**
 * Reads what a config needs of browsed variables: data type, rank, description, and the
 * properties that carry meaning (EngineeringUnits, EURange, EnumStrings, EnumValues, TrueState,
 * FalseState). Only properties a variable has are read, in Reads of at most the server's
 * MaxNodesPerRead nodes, halved on refusal.
 */
final class VariableReader {

  private static final List<String> ATTRIBUTES = List.of("DataType", "ValueRank", "Description");
  private static final List<String> PROPERTIES = List.of("EngineeringUnits", "EURange",
      "EnumStrings", "EnumValues", "TrueState", "FalseState");

  private final OpcUaClient client;
  private final int nodesPerRead;

  VariableReader(OpcUaClient client, int nodesPerRead) {
    this.client = client;
    this.nodesPerRead = nodesPerRead;
  }

  List<BrowsedNode> read(List<BrowsedNode.Pending> vars, List<List<ReferenceDescription>> children) {
    List<ReadValueId> reads = new ArrayList<>();
    List<Map<String, Integer>> where = new ArrayList<>();
    for (int i = 0; i < vars.size(); i++) {
      NodeId id = vars.get(i).nodeId();
      Map<String, Integer> at = new LinkedHashMap<>();
      at.put("DataType", reads.size());
      reads.add(attribute(id, AttributeId.DataType));
      at.put("ValueRank", reads.size());
      reads.add(attribute(id, AttributeId.ValueRank));
      at.put("Description", reads.size());
      reads.add(attribute(id, AttributeId.Description));
      for (ReferenceDescription ref : children.get(i)) {
        String name = ref.getBrowseName().name();
        if (name != null && PROPERTIES.contains(name) && !at.containsKey(name)) {
          NodeId prop = ref.getNodeId().toNodeId(client.getNamespaceTable()).orElse(null);
          if (prop != null) {
            at.put(name, reads.size());
            reads.add(attribute(prop, AttributeId.Value));
          }
        }
      }
      where.add(at);
    }
    List<DataValue> values;
    try {
      values = ChunkedRead.read(client, reads, nodesPerRead, 30_000);
    } catch (UaException e) {
      throw new IllegalStateException("reading the attributes of " + vars.size()
          + " variables failed: " + Causes.describe(e), e);
    }
    List<BrowsedNode> nodes = new ArrayList<>(vars.size());
    for (int i = 0; i < vars.size(); i++) {
      Values v = new Values(values, where.get(i));
      BrowsedNode.Pending p = vars.get(i);
      EUInformation eu = decode(v.get("EngineeringUnits"), EUInformation.class);
      Range range = decode(v.get("EURange"), Range.class);
      String unitText = eu == null || eu.getDisplayName() == null ? null
          : blankToNull(eu.getDisplayName().text());
      String unit = eu == null || eu.getUnitId() == null || !unece(eu) ? null
          : UneceUnits.symbol(eu.getUnitId());
      nodes.add(new BrowsedNode(p.path(), p.id(), p.parentId(), true,
          v.value("DataType") instanceof NodeId n ? typeName(n) : null,
          v.value("ValueRank") instanceof Integer r && r >= 1,
          unit != null ? unit : unitText, unitText,
          range == null ? null : range.getLow(), range == null ? null : range.getHigh(),
          v.value("Description") instanceof LocalizedText t ? blankToNull(t.text()) : null,
          states(v)));
    }
    return nodes;
  }

  /** The values read for one variable, by attribute or property name. */
  private record Values(List<DataValue> all, Map<String, Integer> at) {
    @Nullable DataValue get(String name) {
      Integer i = at.get(name);
      return i == null ? null : all.get(i);
    }

    @Nullable Object value(String name) {
      DataValue v = get(name);
      return v == null || !v.statusCode().isGood() ? null : v.value().value();
    }
  }

  /** State names by code: EnumValues (codes given), EnumStrings (codes 0…n-1), or two states. */
  private Map<Long, String> states(Values v) {
    Map<Long, String> states = new LinkedHashMap<>();
    if (v.value("EnumValues") instanceof ExtensionObject[] values) {
      for (ExtensionObject xo : values) {
        EnumValueType e = decode(xo, EnumValueType.class);
        String name = e == null || e.getDisplayName() == null ? null
            : blankToNull(e.getDisplayName().text());
        if (name != null) {
          states.putIfAbsent(e.getValue(), name);
        }
      }
    } else if (v.value("EnumStrings") instanceof LocalizedText[] strings) {
      for (int code = 0; code < strings.length; code++) {
        String name = strings[code] == null ? null : blankToNull(strings[code].text());
        if (name != null) {
          states.put((long) code, name);
        }
      }
    } else if (v.value("FalseState") instanceof LocalizedText no
        && v.value("TrueState") instanceof LocalizedText yes
        && blankToNull(no.text()) != null && blankToNull(yes.text()) != null) {
      states.put(0L, no.text().strip());
      states.put(1L, yes.text().strip());
    }
    return states;
  }

  /** Whether the unit id is a UNECE code: said by the namespace, or left unsaid (the default). */
  private static boolean unece(EUInformation eu) {
    String ns = eu.getNamespaceUri();
    return ns == null || ns.isBlank() || ns.strip().equalsIgnoreCase(UneceUnits.NAMESPACE)
        || ns.contains("cefact");
  }

  private static ReadValueId attribute(NodeId id, AttributeId attribute) {
    return new ReadValueId(id, attribute.uid(), null, QualifiedName.NULL_VALUE);
  }

  private <T> @Nullable T decode(@Nullable DataValue value, Class<T> type) {
    if (value == null || !value.statusCode().isGood()) {
      return null;
    }
    return value.value().value() instanceof ExtensionObject xo ? decode(xo, type) : null;
  }

  private <T> @Nullable T decode(ExtensionObject xo, Class<T> type) {
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
