package io.floorgate.driver.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.floorgate.driver.ConditionEvent;
import io.floorgate.driver.ConditionSink;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.EventFilterBuilder;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult;
import org.eclipse.milo.opcua.stack.core.types.structured.EventFilter;
import org.eclipse.milo.opcua.stack.core.types.structured.SimpleAttributeOperand;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PLC's own alarms: one subscription with an event item on the Server object, an EventFilter
 * selecting the condition fields, and ConditionRefresh after every (re)creation so the retained
 * conditions are sent again. Conditions are acknowledged with their Acknowledge method.
 */
final class ConditionGroup implements TagGroup {

  private static final Logger log = LoggerFactory.getLogger(ConditionGroup.class);
  private static final double PUBLISHING_MS = 100.0;
  private static final QualifiedName ID = new QualifiedName(0, "Id");

  /** The select clauses, in the order {@link #toEvent} reads them. */
  static final EventFilter FILTER = new EventFilterBuilder()
      .select(NodeIds.BaseEventType, new QualifiedName(0, "EventId"))
      .select(NodeIds.BaseEventType, new QualifiedName(0, "EventType"))
      .select(NodeIds.BaseEventType, new QualifiedName(0, "SourceName"))
      .select(NodeIds.BaseEventType, new QualifiedName(0, "Time"))
      .select(NodeIds.BaseEventType, new QualifiedName(0, "Severity"))
      .select(NodeIds.BaseEventType, new QualifiedName(0, "Message"))
      .select(NodeIds.ConditionType, new QualifiedName(0, "ConditionName"))
      .select(NodeIds.ConditionType, new QualifiedName(0, "Retain"))
      .select(NodeIds.AcknowledgeableConditionType, new QualifiedName(0, "AckedState"), ID)
      .select(NodeIds.AlarmConditionType, new QualifiedName(0, "ActiveState"), ID)
      // The ConditionId: the condition node itself (an empty browse path, its NodeId).
      .select(new SimpleAttributeOperand(NodeIds.ConditionType, new QualifiedName[0],
          AttributeId.NodeId.uid(), null))
      .build();

  private final String connection;
  private final ConditionSink sink;
  private final Runnable requestRestore;
  private volatile @Nullable OpcUaClient client;
  private volatile @Nullable OpcUaSubscription subscription;
  private volatile boolean closed;

  ConditionGroup(String connection, ConditionSink sink, Runnable requestRestore) {
    this.connection = connection;
    this.sink = sink;
    this.requestRestore = requestRestore;
  }

  @Override
  public String name() {
    return "conditions";
  }

  /** Conditions are events, not tags: a link loss has no values of theirs to report BAD. */
  @Override
  public List<ResolvedTag> tags() {
    return List.of();
  }

  @Override
  public void open(OpcUaClient c, ServerLimits limits) throws UaException {
    client = c;
    var sub = new OpcUaSubscription(c, PUBLISHING_MS);
    sub.setSubscriptionListener(new OpcUaSubscription.SubscriptionListener() {
      @Override
      public void onTransferFailed(OpcUaSubscription s, StatusCode status) {
        if (!closed) {
          requestRestore.run();
        }
      }
    });
    OpcUaMonitoredItem item = OpcUaMonitoredItem.newEventItem(NodeIds.Server, FILTER);
    item.setQueueSize(uint(1000));
    item.setEventValueListener((i, values) -> deliver(values));
    sub.addMonitoredItem(item);
    subscription = sub;
    restore();
  }

  @Override
  public void restore() throws UaException {
    OpcUaSubscription sub = subscription;
    OpcUaClient c = client;
    if (sub == null || c == null || closed) {
      return;
    }
    if (sub.getSyncState() != OpcUaSubscription.SyncState.INITIAL
        && sub.getMonitoredItems().stream()
            .allMatch(i -> i.getSyncState() != OpcUaMonitoredItem.SyncState.INITIAL)) {
      return;
    }
    if (sub.getSyncState() == OpcUaSubscription.SyncState.INITIAL) {
      sub.create();
    }
    sub.synchronizeMonitoredItems();
    CallMethodResult refreshed = c.call(List.of(new CallMethodRequest(NodeIds.ConditionType,
        NodeIds.ConditionType_ConditionRefresh,
        new Variant[] {new Variant(sub.getSubscriptionId().orElseThrow())}))).getResults()[0];
    if (refreshed.getStatusCode().isBad()) {
      // Conditions still arrive as they change; only the ones already standing are missing.
      log.warn("opcua connection '{}': the PLC refused ConditionRefresh ({}); alarms already "
          + "active on the PLC show once they change", connection,
          SampleMapper.statusName(refreshed.getStatusCode().value()));
    }
    log.info("opcua connection '{}': subscribed to the PLC's alarms (conditions)", connection);
  }

  /** Milo's thread: map and hand over, never block. */
  private void deliver(Variant[] v) {
    try {
      ConditionEvent event = toEvent(connection, v, Instant.now());
      if (event != null) {
        sink.condition(event);
      }
    } catch (RuntimeException e) {
      log.warn("opcua connection '{}': a PLC alarm event could not be read: {}", connection,
          e.toString());
    }
  }

  /** The event's fields; null for events that are not conditions (refresh markers, others). */
  static @Nullable ConditionEvent toEvent(String connection, Variant[] v, Instant receivedAt) {
    if (v.length < 11 || !(v[10].getValue() instanceof NodeId conditionId)
        || !(v[0].getValue() instanceof ByteString eventId)) {
      return null;
    }
    NodeId type = v[1].getValue() instanceof NodeId t ? t : NodeId.NULL_VALUE;
    if (type.equals(NodeIds.RefreshStartEventType) || type.equals(NodeIds.RefreshEndEventType)) {
      return null;
    }
    Object severity = v[4].getValue();
    Object time = v[3].getValue();
    return new ConditionEvent(connection, conditionId.toParseableString(),
        HexFormat.of().formatHex(eventId.bytesOrEmpty()),
        v[6].getValue() instanceof String n ? n : conditionId.toParseableString(),
        v[2].getValue() instanceof String s ? s : "",
        v[5].getValue() instanceof LocalizedText m && m.text() != null ? m.text() : "",
        severity instanceof Number n ? n.intValue() : 500,
        Boolean.TRUE.equals(v[9].getValue()),
        Boolean.TRUE.equals(v[8].getValue()),
        Boolean.TRUE.equals(v[7].getValue()),
        time instanceof DateTime d ? d.getJavaInstant() : null,
        receivedAt);
  }

  /** Calls the condition's Acknowledge method; completes with the PLC's answer. */
  CompletableFuture<Void> acknowledge(String conditionId, String eventId, String comment) {
    OpcUaClient c = client;
    NodeId node = NodeId.parseOrNull(conditionId);
    if (c == null || node == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("connection " + connection
          + ": not connected, or '" + conditionId + "' is not a node id"));
    }
    CallMethodRequest request = new CallMethodRequest(node,
        NodeIds.AcknowledgeableConditionType_Acknowledge, new Variant[] {
            new Variant(ByteString.of(HexFormat.of().parseHex(eventId))),
            new Variant(LocalizedText.english(comment))});
    return c.callAsync(List.of(request)).thenApply(response -> {
      StatusCode status = response.getResults()[0].getStatusCode();
      if (status.isBad()) {
        throw new IllegalStateException("the PLC refused the acknowledgement: "
            + SampleMapper.statusName(status.value()));
      }
      return null;
    });
  }

  @Override
  public CompletableFuture<?> close() {
    closed = true;
    OpcUaSubscription sub = subscription;
    if (sub == null || sub.getSyncState() == OpcUaSubscription.SyncState.INITIAL) {
      return CompletableFuture.completedFuture(null);
    }
    return sub.deleteAsync().toCompletableFuture();
  }
}
