package io.floorgate.sim;

import java.nio.ByteBuffer;
import java.util.UUID;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.methods.AbstractMethodInvocationHandler;
import org.eclipse.milo.opcua.sdk.server.model.objects.AcknowledgeableConditionType;
import org.eclipse.milo.opcua.sdk.server.model.objects.BaseEventTypeNode;
import org.eclipse.milo.opcua.sdk.server.model.objects.ConditionType;
import org.eclipse.milo.opcua.sdk.server.model.objects.ExclusiveLevelAlarmTypeNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.factories.NodeFactory;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.QualifiedName;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiln PLC's own over-temperature limit alarm, as an OPC UA Alarms &amp; Conditions condition
 * ({@code ExclusiveLevelAlarmType}, node {@code RHK01.Alarms.OverTemperature}): active while any
 * zone is more than {@value #LIMIT_C} °C above its setpoint; events go to every event item on the
 * server; a client acknowledges with the condition's {@code Acknowledge} method, and
 * {@code ConditionRefresh} re-sends the condition while it is retained.
 *
 * <p>Simplifications a real PLC may not make: ConditionRefresh re-sends to every event item on the
 * server, not only to the subscription that asked; no branches, no shelving, no confirm.
 */
final class KilnConditions {

  private static final Logger log = LoggerFactory.getLogger(KilnConditions.class);
  static final String NODE = "RHK01.Alarms.OverTemperature";
  static final double LIMIT_C = 40.0;
  private static final UShort SEVERITY = UShort.valueOf(800);

  private final OpcUaServer server;
  private final PlantNamespace namespace;
  private final ExclusiveLevelAlarmTypeNode condition;
  private boolean active;
  private boolean acked = true;

  KilnConditions(PlantNamespace namespace) throws UaException {
    this.namespace = namespace;
    this.server = namespace.server();
    NodeFactory factory = new NodeFactory(namespace.getNodeContext());
    UaNode node = factory.createNode(namespace.nodeId(NODE), NodeIds.ExclusiveLevelAlarmType,
        new NodeFactory.InstantiationCallback() {
          @Override
          public boolean includeOptionalNode(NodeId typeDefinitionId, QualifiedName browseName) {
            return "HighLimit".equals(browseName.name());
          }
        });
    condition = (ExclusiveLevelAlarmTypeNode) node;
    condition.setBrowseName(namespace.qualifiedName("OverTemperature"));
    condition.setDisplayName(LocalizedText.english("Kiln over-temperature"));
    condition.setEventType(NodeIds.ExclusiveLevelAlarmType);
    condition.setSourceNode(namespace.nodeId("RHK01"));
    condition.setSourceName("RHK01");
    condition.setConditionName("OverTemperature");
    condition.setSeverity(SEVERITY);
    condition.setHighLimit(LIMIT_C);
    condition.setEnabledState(LocalizedText.english("Enabled"));
    condition.getEnabledStateNode().setId(true);
    condition.setConditionClassId(NodeIds.ProcessConditionClassType);
    condition.setConditionClassName(LocalizedText.english("Process"));
    setStates(false, true);
    condition.setRetain(false);
    condition.setMessage(LocalizedText.english("Kiln zone temperatures within limits"));
    condition.setEventId(newEventId());
    condition.setTime(DateTime.now());
    condition.setReceiveTime(DateTime.now());
    condition.getAcknowledgeMethodNode().setInvocationHandler(
        new AcknowledgeableConditionType.AcknowledgeMethod(condition.getAcknowledgeMethodNode()) {
          @Override
          protected void invoke(AbstractMethodInvocationHandler.InvocationContext context,
              ByteString eventId, LocalizedText comment) throws UaException {
            acknowledge(eventId, comment);
          }
        });
    server.getAddressSpaceManager().getManagedNode(NodeIds.ConditionType_ConditionRefresh)
        .filter(UaMethodNode.class::isInstance)
        .map(UaMethodNode.class::cast)
        .ifPresent(refresh -> refresh.setInvocationHandler(
            new ConditionType.ConditionRefreshMethod(refresh) {
              @Override
              protected void invoke(AbstractMethodInvocationHandler.InvocationContext context,
                  UInteger subscriptionId) throws UaException {
                refresh();
              }
            }));
  }

  /** The condition, or null (logged) when this server cannot build it: the PLC runs without. */
  static @org.jspecify.annotations.Nullable KilnConditions declare(PlantNamespace namespace) {
    try {
      return new KilnConditions(namespace);
    } catch (UaException | RuntimeException e) {
      log.warn("Simulated PLC RHK01: over-temperature condition not available: {}", e.toString());
      return null;
    }
  }

  /** Called every scan with the largest excess of a zone over its setpoint. */
  synchronized void update(int zone, double excess, double pv, double setpoint) {
    boolean nowActive = active ? excess > LIMIT_C - 2.0 : excess > LIMIT_C;
    if (nowActive == active) {
      return;
    }
    active = nowActive;
    if (nowActive) {
      acked = false;
      condition.setMessage(LocalizedText.english(String.format(java.util.Locale.ROOT,
          "Zone %02d over-temperature: %.1f °C, setpoint %.0f °C", zone, pv, setpoint)));
    } else {
      condition.setMessage(LocalizedText.english("Kiln zone temperatures back within limits"));
    }
    setStates(active, acked);
    fire();
  }

  synchronized boolean acked() {
    return acked;
  }

  private synchronized void acknowledge(ByteString eventId, LocalizedText comment)
      throws UaException {
    if (!eventId.equals(condition.getEventId())) {
      throw new UaException(StatusCodes.Bad_EventIdUnknown);
    }
    if (acked) {
      throw new UaException(StatusCodes.Bad_ConditionBranchAlreadyAcked);
    }
    acked = true;
    condition.setComment(comment);
    setStates(active, true);
    log.info("Simulated PLC RHK01: over-temperature alarm acknowledged ({})", comment.text());
    fire();
  }

  private synchronized void refresh() throws UaException {
    fireMarker(NodeIds.RefreshStartEventType);
    if (Boolean.TRUE.equals(condition.getRetain())) {
      server.getEventNotifier().fire(condition);
    }
    fireMarker(NodeIds.RefreshEndEventType);
  }

  private void setStates(boolean isActive, boolean isAcked) {
    condition.setActiveState(LocalizedText.english(isActive ? "Active" : "Inactive"));
    condition.getActiveStateNode().setId(isActive);
    condition.setAckedState(LocalizedText.english(isAcked ? "Acknowledged" : "Unacknowledged"));
    condition.getAckedStateNode().setId(isAcked);
    condition.setRetain(isActive || !isAcked);
  }

  private void fire() {
    condition.setEventId(newEventId());
    condition.setTime(DateTime.now());
    condition.setReceiveTime(DateTime.now());
    server.getEventNotifier().fire(condition);
  }

  private void fireMarker(NodeId type) throws UaException {
    BaseEventTypeNode marker = server.getEventFactory().createEvent(
        namespace.nodeId("RHK01.Events." + UUID.randomUUID()), type);
    marker.setEventId(newEventId());
    marker.setEventType(type);
    marker.setSourceNode(NodeIds.Server);
    marker.setSourceName("Server");
    marker.setTime(DateTime.now());
    marker.setReceiveTime(DateTime.now());
    marker.setSeverity(UShort.valueOf(1));
    marker.setMessage(LocalizedText.english(type.equals(NodeIds.RefreshStartEventType)
        ? "Condition refresh start" : "Condition refresh end"));
    server.getEventNotifier().fire(marker);
    marker.delete();
  }

  private static ByteString newEventId() {
    UUID id = UUID.randomUUID();
    return ByteString.of(ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits()).array());
  }
}
