package io.floorgate.driver.opcua;

import io.floorgate.driver.SourceType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the DataType and ValueRank of every tag's variable once per connect, so that each sample
 * carries the type the PLC declares even when its value is null or its Java form is text (a
 * DateTime, a ByteString). Read again at every connect: a PLC program download can change a
 * variable's type.
 */
final class DeclaredTypes {

  private static final Logger log = LoggerFactory.getLogger(DeclaredTypes.class);
  private static final long TIMEOUT_MS = 10_000;

  private DeclaredTypes() {}

  /**
   * Tag key to declared type, for the tags whose variables declare a plain one. Blocking; on the
   * driver's thread. A failed read logs one line and returns none: the values' types are used.
   */
  static Map<String, SourceType> read(String connection, OpcUaClient client,
      List<TagGroup> groups, int nodesPerRead) {
    List<ResolvedTag> tags = new ArrayList<>();
    List<ReadValueId> reads = new ArrayList<>();
    for (TagGroup group : groups) {
      for (ResolvedTag tag : group.tags()) {
        tags.add(tag);
        reads.add(new ReadValueId(tag.nodeId(), AttributeId.DataType.uid(), null,
            QualifiedName.NULL_VALUE));
        reads.add(new ReadValueId(tag.nodeId(), AttributeId.ValueRank.uid(), null,
            QualifiedName.NULL_VALUE));
      }
    }
    Map<String, SourceType> types = new HashMap<>();
    if (tags.isEmpty()) {
      return types;
    }
    List<DataValue> values;
    try {
      // Two attributes per tag: a chunk of nodesPerRead operations holds half as many tags.
      values = ChunkedRead.read(client, reads, Math.max(2, nodesPerRead - nodesPerRead % 2),
          TIMEOUT_MS);
    } catch (UaException e) {
      log.warn("opcua connection '{}': could not read the data types of its {} tags ({}); each "
          + "tag's type is taken from its values instead, so a tag without a value yet is "
          + "announced without its type", connection, tags.size(), Causes.describe(e));
      return types;
    }
    for (int i = 0; i < tags.size(); i++) {
      Object dataType = values.get(2 * i).value().value();
      Object rank = values.get(2 * i + 1).value().value();
      SourceType type = SourceTypes.declared(dataType instanceof NodeId id ? id : null,
          rank instanceof Integer r ? r : -2); // unreadable: as ValueRank Any
      if (type != null) {
        types.put(tags.get(i).key(), type);
      }
    }
    return types;
  }
}
