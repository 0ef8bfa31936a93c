package io.floorgate.driver.opcua;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
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
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;
import org.jspecify.annotations.Nullable;

/**
 * A Milo server with two namespaces, {@value #LINE_A} and {@value #LINE_B}, that hold variables
 * with the same identifiers ({@code s=Speed}, {@code i=1001}, {@code s=Setpoint}) and different
 * values, and registers them in the order it is started with — as a server does that loads its
 * namespaces in another order after a restart. Restartable on the same port.
 */
final class TwoNamespaceServer implements AutoCloseable {

  static final String LINE_A = "urn:floorgate:test:line-a";
  static final String LINE_B = "urn:floorgate:test:line-b";
  /** Speed, Count (i=1001) and Setpoint of line A; line B has twice these. */
  static final double SPEED_A = 11.0;
  static final int COUNT_A = 111;
  static final double SETPOINT_A = 1.5;

  private final int port;
  private @Nullable OpcUaServer server;
  private final Map<String, Line> lines = new LinkedHashMap<>();

  private TwoNamespaceServer(int port) {
    this.port = port;
  }

  /** Starts on a free port with the namespaces registered in {@code order}. */
  static TwoNamespaceServer start(String... order) {
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var s = new TwoNamespaceServer(port);
    s.restart(order);
    return s;
  }

  String endpointUrl() {
    return "opc.tcp://127.0.0.1:" + port + "/plc";
  }

  /** Stops the server if it runs, then starts it on the same port with {@code order}. */
  void restart(String... order) {
    stop();
    EndpointConfig endpoint = EndpointConfig.newBuilder()
        .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
        .setBindAddress("127.0.0.1").setBindPort(port).setHostname("127.0.0.1").setPath("/plc")
        .setSecurityPolicy(SecurityPolicy.None).setSecurityMode(MessageSecurityMode.None)
        .addTokenPolicy(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS).build();
    OpcUaServerConfig config = OpcUaServerConfig.builder()
        .setApplicationUri("urn:floorgate:test:two-namespaces")
        .setApplicationName(LocalizedText.english("two namespaces"))
        .setProductUri("urn:floorgate:test")
        .setEndpoints(Set.of(endpoint))
        .setCertificateManager(new DefaultCertificateManager(new MemoryCertificateQuarantine()))
        .setIdentityValidator(AnonymousIdentityValidator.INSTANCE)
        .build();
    var s = new OpcUaServer(config,
        profile -> new OpcTcpServerTransport(OpcTcpServerTransportConfig.newBuilder().build()));
    lines.clear();
    for (String uri : order) {
      double factor = uri.equals(LINE_A) ? 1 : 2;
      var line = new Line(s, uri, factor);
      line.startup();
      lines.put(uri, line);
    }
    try {
      s.startup().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start on port " + port, e);
    }
    server = s;
  }

  /** The index the server gives {@code uri} now. */
  int indexOf(String uri) {
    return List.of(requireServer().getNamespaceTable().toArray()).indexOf(uri);
  }

  /** The value of {@code Setpoint} in namespace {@code uri}, as the server holds it. */
  Object setpoint(String uri) {
    return lines.get(uri).setpoint.getValue().value().value();
  }

  void stop() {
    OpcUaServer s = server;
    server = null;
    if (s == null) {
      return;
    }
    lines.values().forEach(Line::shutdown);
    try {
      s.shutdown().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("server did not stop", e);
    }
  }

  @Override
  public void close() {
    stop();
  }

  private OpcUaServer requireServer() {
    OpcUaServer s = server;
    if (s == null) {
      throw new IllegalStateException("not running");
    }
    return s;
  }

  /** One namespace: Speed, Count and a writable Setpoint, in the Objects folder. */
  private static final class Line extends ManagedNamespaceWithLifecycle {

    private final SubscriptionModel model;
    final UaVariableNode setpoint;

    Line(OpcUaServer server, String uri, double factor) {
      super(server, uri);
      model = new SubscriptionModel(server, this);
      getLifecycleManager().addLifecycle(model);
      variable(newNodeId("Speed"), "Speed", NodeIds.Double, new Variant(SPEED_A * factor), false);
      variable(newNodeId(uint(1001)), "Count", NodeIds.Int32,
          new Variant((int) (COUNT_A * factor)), false);
      setpoint = variable(newNodeId("Setpoint"), "Setpoint", NodeIds.Double,
          new Variant(SETPOINT_A * factor), true);
    }

    private UaVariableNode variable(NodeId id, String name, NodeId type, Variant value,
        boolean writable) {
      var access = writable ? AccessLevel.READ_WRITE : AccessLevel.READ_ONLY;
      UaVariableNode node = UaVariableNode.builder(getNodeContext())
          .setNodeId(id)
          .setBrowseName(newQualifiedName(name))
          .setDisplayName(LocalizedText.english(name))
          .setDataType(type)
          .setAccessLevel(access)
          .setUserAccessLevel(access)
          .setValue(new DataValue(value))
          .build();
      getNodeManager().addNode(node);
      node.addReference(new org.eclipse.milo.opcua.sdk.core.Reference(node.getNodeId(),
          NodeIds.Organizes, NodeIds.ObjectsFolder.expanded(), false));
      return node;
    }

    @Override
    public void onDataItemsCreated(List<DataItem> items) {
      model.onDataItemsCreated(items);
    }

    @Override
    public void onDataItemsModified(List<DataItem> items) {
      model.onDataItemsModified(items);
    }

    @Override
    public void onDataItemsDeleted(List<DataItem> items) {
      model.onDataItemsDeleted(items);
    }

    @Override
    public void onMonitoringModeChanged(List<MonitoredItem> items) {
      model.onMonitoringModeChanged(items);
    }
  }
}
