package io.floorgate.sparkplug;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;

/**
 * A real Milo server on a free loopback port whose variables have the data types a vendor PLC
 * exposes beyond the simulator's five: each declared with its DataType and ValueRank, with a
 * value the test sets. Unsecured, anonymous.
 */
final class TypedPlc implements AutoCloseable {

  static final String URI = "urn:floorgate:test:typed";

  /** One variable: its name under {@code Types}, DataType, ValueRank (-1 scalar, 1 array). */
  record Variable(String name, NodeId dataType, int valueRank, Variant initial) {}

  private final OpcUaServer server;
  private final Space space;
  private final int port;

  private TypedPlc(OpcUaServer server, Space space, int port) {
    this.server = server;
    this.space = space;
    this.port = port;
  }

  static TypedPlc start(List<Variable> variables) throws Exception {
    int port;
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    EndpointConfig endpoint = EndpointConfig.newBuilder()
        .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
        .setBindAddress("127.0.0.1").setBindPort(port).setHostname("127.0.0.1").setPath("/typed")
        .setSecurityPolicy(SecurityPolicy.None).setSecurityMode(MessageSecurityMode.None)
        .addTokenPolicy(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS).build();
    OpcUaServerConfig config = OpcUaServerConfig.builder()
        .setApplicationUri(URI)
        .setApplicationName(LocalizedText.english("typed variables"))
        .setProductUri(URI)
        .setEndpoints(Set.of(endpoint))
        .setCertificateManager(new DefaultCertificateManager(new MemoryCertificateQuarantine()))
        .setIdentityValidator(AnonymousIdentityValidator.INSTANCE)
        .build();
    OpcUaServer server = new OpcUaServer(config,
        profile -> new OpcTcpServerTransport(OpcTcpServerTransportConfig.newBuilder().build()));
    Space space = new Space(server);
    space.startup();
    for (Variable v : variables) {
      space.add(v);
    }
    server.startup().get(10, TimeUnit.SECONDS);
    return new TypedPlc(server, space, port);
  }

  String endpoint() {
    return "opc.tcp://127.0.0.1:" + port + "/typed";
  }

  /** The node id text of a variable, as a tag's {@code node:} writes it. */
  static String node(String name) {
    return "ns=2;s=Types." + name;
  }

  /** Gives a variable a new value (GOOD, stamped now); subscribed clients get a notification. */
  void set(String name, Variant value) {
    space.variables.get(name).setValue(new DataValue(value));
  }

  @Override
  public void close() throws Exception {
    space.shutdown();
    server.shutdown().get(10, TimeUnit.SECONDS);
  }

  /** The namespace of the variables (index 2), with Milo's sampling of attribute values. */
  private static final class Space extends ManagedNamespaceWithLifecycle {

    final Map<String, UaVariableNode> variables = new ConcurrentHashMap<>();
    private final SubscriptionModel subscriptions;
    private final UaFolderNode folder;

    Space(OpcUaServer server) {
      super(server, URI + ":variables");
      subscriptions = new SubscriptionModel(server, this);
      getLifecycleManager().addLifecycle(subscriptions);
      folder = new UaFolderNode(getNodeContext(), newNodeId("Types"), newQualifiedName("Types"),
          LocalizedText.english("Types"));
      getNodeManager().addNode(folder);
      folder.addReference(new Reference(folder.getNodeId(), NodeIds.Organizes,
          NodeIds.ObjectsFolder.expanded(), false));
    }

    void add(Variable v) {
      UaVariableNode node = UaVariableNode.builder(getNodeContext())
          .setNodeId(newNodeId("Types." + v.name()))
          .setBrowseName(newQualifiedName(v.name()))
          .setDisplayName(LocalizedText.english(v.name()))
          .setDataType(v.dataType())
          .setValueRank(v.valueRank())
          .setArrayDimensions(v.valueRank() == 1 ? new UInteger[] {UInteger.valueOf(0)} : null)
          .setAccessLevel(AccessLevel.READ_ONLY)
          .setUserAccessLevel(AccessLevel.READ_ONLY)
          .setValue(new DataValue(v.initial(), StatusCode.GOOD, null, null))
          .build();
      getNodeManager().addNode(node);
      folder.addOrganizes(node);
      variables.put(v.name(), node);
    }

    @Override
    public void onDataItemsCreated(List<DataItem> items) {
      subscriptions.onDataItemsCreated(items);
    }

    @Override
    public void onDataItemsModified(List<DataItem> items) {
      subscriptions.onDataItemsModified(items);
    }

    @Override
    public void onDataItemsDeleted(List<DataItem> items) {
      subscriptions.onDataItemsDeleted(items);
    }

    @Override
    public void onMonitoringModeChanged(List<MonitoredItem> items) {
      subscriptions.onMonitoringModeChanged(items);
    }
  }
}
