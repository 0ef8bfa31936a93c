package io.floorgate.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.jspecify.annotations.Nullable;

/**
 * The address space of one simulated PLC: namespace {@value #URI}, string node ids such as {@code
 * RHK01.Zone03.TC_A}, one folder per dotted prefix ({@code RHK01}, {@code RHK01.Zone03}), the PLC's
 * root folder under Objects.
 *
 * <p>Value items on the PLC's variables are sampled at the scan by a {@link ScanSampler} (one for
 * the 100 ms scan, one for the load variables); anything else a client monitors (a folder's
 * attributes, an index range) goes to Milo's {@link SubscriptionModel}.
 */
final class PlantNamespace extends ManagedNamespaceWithLifecycle {

  /** The namespace every simulated PLC puts its variables in (index 2 on each server). */
  static final String URI = "urn:floorgate:sim:isohara";

  private final SubscriptionModel subscriptionModel;
  private final ScanSampler scanSampler;
  private final ScanSampler loadSampler;
  private final double scanMillis;
  private final double loadMillis;
  private final Map<NodeId, SimTag> tags = new ConcurrentHashMap<>();
  private final Map<String, UaFolderNode> folders = new ConcurrentHashMap<>();

  PlantNamespace(OpcUaServer server, long scanPeriodNanos, long loadPeriodNanos) {
    super(server, URI);
    this.subscriptionModel = new SubscriptionModel(server, this);
    this.scanMillis = scanPeriodNanos / (double) TimeUnit.MILLISECONDS.toNanos(1);
    this.loadMillis = loadPeriodNanos / (double) TimeUnit.MILLISECONDS.toNanos(1);
    this.scanSampler = new ScanSampler(scanMillis);
    this.loadSampler = new ScanSampler(loadMillis);
    getLifecycleManager().addLifecycle(subscriptionModel);
  }

  /** The server, for {@link KilnConditions} (Milo keeps it protected to the namespace). */
  OpcUaServer server() {
    return getServer();
  }

  /** A node id in this namespace, for nodes built outside it ({@link KilnConditions}). */
  NodeId nodeId(String id) {
    return newNodeId(id);
  }

  org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName qualifiedName(String name) {
    return newQualifiedName(name);
  }

  /** A read-only variable that changes with the 100 ms scan. */
  SimTag variable(String id, TagType type) {
    return add(id, type, false, scanSampler, scanMillis);
  }

  /** A variable any client may write (fault injection); the scan reads it. */
  SimTag writableVariable(String id, TagType type) {
    return add(id, type, true, scanSampler, scanMillis);
  }

  /** A load-mode variable, changed by the load task at its own rate. */
  SimTag loadVariable(String id) {
    return add(id, TagType.DOUBLE, false, loadSampler, loadMillis);
  }

  /** Runs one scan's {@code writes} and reports the new values to the items monitoring them. */
  void scan(Runnable writes) {
    scanSampler.scan(writes);
  }

  /** Runs one load update's {@code writes} and reports them to the items monitoring them. */
  void loadUpdate(Runnable writes) {
    loadSampler.scan(writes);
  }

  private SimTag add(
      String id, TagType type, boolean writable, ScanSampler sampler, double minSamplingMillis) {
    int dot = id.lastIndexOf('.');
    if (dot <= 0) {
      throw new IllegalArgumentException("variable " + id + " needs a PLC prefix");
    }
    String name = id.substring(dot + 1);
    var access = writable ? AccessLevel.READ_WRITE : AccessLevel.READ_ONLY;
    UaVariableNode node =
        UaVariableNode.builder(getNodeContext())
            .setNodeId(newNodeId(id))
            .setBrowseName(newQualifiedName(name))
            .setDisplayName(LocalizedText.english(name))
            .setDataType(type.dataType())
            .setAccessLevel(access)
            .setUserAccessLevel(access)
            .setMinimumSamplingInterval(minSamplingMillis)
            .setValue(new DataValue(type.initial(), StatusCode.GOOD, null, null))
            .build();
    getNodeManager().addNode(node);
    folder(id.substring(0, dot)).addOrganizes(node);
    SimTag tag = new SimTag(node, sampler);
    tags.put(node.getNodeId(), tag);
    return tag;
  }

  private UaFolderNode folder(String id) {
    UaFolderNode existing = folders.get(id);
    if (existing != null) {
      return existing;
    }
    int dot = id.lastIndexOf('.');
    String name = id.substring(dot + 1);
    var folder =
        new UaFolderNode(
            getNodeContext(), newNodeId(id), newQualifiedName(name), LocalizedText.english(name));
    getNodeManager().addNode(folder);
    if (dot < 0) {
      folder.addReference(
          new Reference(
              folder.getNodeId(), NodeIds.Organizes, NodeIds.ObjectsFolder.expanded(), false));
    } else {
      folder(id.substring(0, dot)).addOrganizes(folder);
    }
    folders.put(id, folder);
    return folder;
  }

  /** The tag whose value {@code item} monitors, or null when the scan does not sample it. */
  private @Nullable SimTag sampledTag(DataItem item) {
    ReadValueId rv = item.getReadValueId();
    return isPlainValue(rv) ? tags.get(rv.getNodeId()) : null;
  }

  @Override
  public RevisedDataItemParameters onCreateDataItem(
      ReadValueId item, Double requestedSamplingInterval, UInteger requestedQueueSize) {
    return new RevisedDataItemParameters(
        revise(item, requestedSamplingInterval), requestedQueueSize);
  }

  @Override
  public RevisedDataItemParameters onModifyDataItem(
      ReadValueId item, Double requestedSamplingInterval, UInteger requestedQueueSize) {
    return new RevisedDataItemParameters(
        revise(item, requestedSamplingInterval), requestedQueueSize);
  }

  /** Tells the client the interval it really gets: a whole number of its tag's scans. */
  private double revise(ReadValueId item, double requestedMillis) {
    SimTag tag = isPlainValue(item) ? tags.get(item.getNodeId()) : null;
    return tag == null ? requestedMillis : tag.sampler().revise(requestedMillis);
  }

  private static boolean isPlainValue(ReadValueId rv) {
    return AttributeId.Value.isEqual(rv.getAttributeId())
        && (rv.getIndexRange() == null || rv.getIndexRange().isEmpty());
  }

  @Override
  public void onDataItemsCreated(List<DataItem> dataItems) {
    var others = new ArrayList<DataItem>();
    for (DataItem item : dataItems) {
      SimTag tag = sampledTag(item);
      if (tag != null) {
        tag.sampler().add(item, tag);
      } else {
        others.add(item);
      }
    }
    if (!others.isEmpty()) {
      subscriptionModel.onDataItemsCreated(others);
    }
  }

  @Override
  public void onDataItemsModified(List<DataItem> dataItems) {
    dataItems.forEach(this::resample);
    subscriptionModel.onDataItemsModified(dataItems);
  }

  @Override
  public void onDataItemsDeleted(List<DataItem> dataItems) {
    for (DataItem item : dataItems) {
      scanSampler.remove(item);
      loadSampler.remove(item);
    }
    subscriptionModel.onDataItemsDeleted(dataItems);
  }

  @Override
  public void onMonitoringModeChanged(List<MonitoredItem> monitoredItems) {
    for (MonitoredItem item : monitoredItems) {
      if (item instanceof DataItem dataItem) {
        resample(dataItem);
      }
    }
    subscriptionModel.onMonitoringModeChanged(monitoredItems);
  }

  private void resample(DataItem item) {
    scanSampler.resample(item);
    loadSampler.resample(item);
  }
}
