package io.floorgate.sim;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfigBuilder;
import org.eclipse.milo.opcua.sdk.server.util.HostnameUtil;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.structured.BuildInfo;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;

/**
 * One running Milo server for one simulated PLC: its endpoints and users ({@link PlcSecurity}),
 * its operation limits ({@link PlcLimits}) and the PLC's {@link PlantNamespace}.
 *
 * <p>Unsecured, there is no application certificate: with only a None endpoint Milo never asks
 * for one, so starting a PLC costs no RSA key generation.
 */
final class PlcServer {

  private static final long TIMEOUT_S = 10;

  private final OpcUaServer server;
  private final PlantNamespace namespace;
  private final String endpointUrl;

  private PlcServer(OpcUaServer server, PlantNamespace namespace, String endpointUrl) {
    this.server = server;
    this.namespace = namespace;
    this.endpointUrl = endpointUrl;
  }

  /** The path of a PLC's endpoint, e.g. {@code /rhk01}. */
  static String path(String plcName) {
    return "/" + plcName.toLowerCase(Locale.ROOT);
  }

  /** The host clients are told to connect to: the bind address, or this machine's name. */
  static String advertisedHost(String bindHost) {
    boolean wildcard = bindHost.equals("0.0.0.0") || bindHost.equals("::");
    return wildcard ? HostnameUtil.getHostname() : bindHost;
  }

  /**
   * Builds the server, lets {@code declare} fill its namespace and binds it.
   *
   * @throws IllegalStateException when the port cannot be bound
   */
  static PlcServer start(
      String plcName,
      String bindHost,
      int port,
      long scanPeriodNanos,
      long loadPeriodNanos,
      PlcSecurity security,
      SimLimits limits,
      Consumer<PlantNamespace> declare) {
    Set<EndpointConfig> endpoints =
        security.endpoints(bindHost, port, advertisedHost(bindHost), path(plcName));
    EndpointConfig endpoint = endpoints.iterator().next();

    String lower = plcName.toLowerCase(Locale.ROOT);
    OpcUaServerConfigBuilder builder =
        OpcUaServerConfig.builder()
            .setApplicationUri(applicationUri(plcName))
            .setApplicationName(LocalizedText.english("Floorgate simulated PLC " + plcName))
            .setProductUri("urn:floorgate:sim")
            .setBuildInfo(
                new BuildInfo(
                    "urn:floorgate:sim",
                    "Floorgate",
                    "Floorgate simulated Isohara plant",
                    OpcUaServer.SDK_VERSION,
                    "",
                    DateTime.now()))
            .setEndpoints(endpoints)
            .setLimits(PlcLimits.config(limits));
    security.configure(builder);
    OpcUaServerConfig config = builder.build();

    var server =
        new OpcUaServer(
            config,
            profile -> new OpcTcpServerTransport(OpcTcpServerTransportConfig.newBuilder().build()));
    PlcLimits.apply(server, path(plcName), limits);
    var namespace = new PlantNamespace(server, scanPeriodNanos, loadPeriodNanos);
    namespace.startup();
    declare.accept(namespace);

    try {
      server.startup().get(TIMEOUT_S, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      namespace.shutdown();
      server.shutdown();
      throw new IllegalStateException(
          plcName
              + ": cannot listen on "
              + bindHost
              + ":"
              + port
              + " (is another program using the port?); choose another base port",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      namespace.shutdown();
      server.shutdown();
      throw new IllegalStateException(plcName + ": interrupted while starting", e);
    }
    return new PlcServer(server, namespace, endpoint.getEndpointUrl());
  }

  /** The application URI of a PLC's server, e.g. {@code urn:floorgate:sim:isohara:rhk01}. */
  static String applicationUri(String plcName) {
    return PlantNamespace.URI + ":" + plcName.toLowerCase(Locale.ROOT);
  }

  /** Subscriptions the server holds now, over all sessions. */
  int subscriptionCount() {
    return server.getSubscriptions().size();
  }

  /** Monitored items over all subscriptions. */
  int monitoredItemCount() {
    return server.getSubscriptions().values().stream()
        .mapToInt(s -> s.getMonitoredItems().size()).sum();
  }

  PlantNamespace namespace() {
    return namespace;
  }

  String endpointUrl() {
    return endpointUrl;
  }

  /** Closes every client connection and frees the port. */
  void stop() {
    namespace.shutdown();
    try {
      server.shutdown().get(TIMEOUT_S, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("server did not stop within " + TIMEOUT_S + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
