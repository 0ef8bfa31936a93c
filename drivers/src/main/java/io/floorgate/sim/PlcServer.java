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
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.util.HostnameUtil;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.BuildInfo;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;

/**
 * One running Milo server for one simulated PLC: a single endpoint, security None, anonymous
 * access, and the PLC's {@link PlantNamespace}.
 *
 * <p>No application certificate: with only a None endpoint Milo never asks for one (the channel and
 * session handshakes look certificates up only for signed policies), so the certificate manager is
 * empty and starting a PLC costs no RSA key generation. A client that asks for a secured channel is
 * refused because the endpoint does not offer one.
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
      Consumer<PlantNamespace> declare) {
    EndpointConfig endpoint =
        EndpointConfig.newBuilder()
            .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
            .setBindAddress(bindHost)
            .setBindPort(port)
            .setHostname(advertisedHost(bindHost))
            .setPath(path(plcName))
            .setSecurityPolicy(SecurityPolicy.None)
            .setSecurityMode(MessageSecurityMode.None)
            .addTokenPolicy(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS)
            .build();

    String lower = plcName.toLowerCase(Locale.ROOT);
    OpcUaServerConfig config =
        OpcUaServerConfig.builder()
            .setApplicationUri(PlantNamespace.URI + ":" + lower)
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
            .setEndpoints(Set.of(endpoint))
            .setCertificateManager(new DefaultCertificateManager(new MemoryCertificateQuarantine()))
            .setIdentityValidator(AnonymousIdentityValidator.INSTANCE)
            .build();

    var server =
        new OpcUaServer(
            config,
            profile -> new OpcTcpServerTransport(OpcTcpServerTransportConfig.newBuilder().build()));
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
