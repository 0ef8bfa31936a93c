package io.floorgate.driver.opcua;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.milo.opcua.sdk.client.DiscoveryClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfig;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfigBuilder;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransportConfig;

/** Discovers a server's endpoints, picks one and opens a session — one attempt, bounded. */
final class ClientConnector {

  static final String APPLICATION_URI = "urn:floorgate:gateway";

  /** How often the session is checked when nothing else arrives; one miss is tolerated. */
  static final long KEEP_ALIVE_MS = 2_000;

  private final String endpointUrl;
  private final String connection;
  private final DriverOptions options;
  private final ClientSecurity security;

  ClientConnector(String endpointUrl, String connection, DriverOptions options,
      ClientSecurity security) {
    this.endpointUrl = endpointUrl;
    this.connection = connection;
    this.options = options;
    this.security = security;
  }

  ClientSecurity security() {
    return security;
  }

  /**
   * Blocks until the session is open or the attempt failed. Once this returns, Milo keeps the
   * session alive and reconnects by itself; a failed attempt leaves nothing running.
   */
  OpcUaClient connect() throws Exception {
    long connectMs = options.connectTimeout().toMillis();
    long attemptMs = connectMs + options.requestTimeout().toMillis();

    List<EndpointDescription> endpoints =
        DiscoveryClient.getEndpoints(endpointUrl, t -> t.setConnectTimeout(uint(connectMs)))
            .get(attemptMs, MILLISECONDS);

    EndpointDescription endpoint =
        security.select(endpoints)
            .orElseThrow(() -> new IllegalStateException(
                "the server offers no endpoint for " + security.describe()
                    + "; it offers " + describe(endpoints)
                    + " — enable a matching endpoint on the PLC or change the connection's "
                    + "security (policy, mode, identity) to one it offers"));

    // Servers often advertise a host name the gateway cannot resolve (or a NAT-internal address);
    // the address the operator configured is the one known to work.
    endpoint = EndpointUtil.updateUrl(
        endpoint, EndpointUtil.getHost(endpointUrl), EndpointUtil.getPort(endpointUrl));

    OpcUaClientConfigBuilder config = OpcUaClientConfig.builder()
        .setEndpoint(endpoint)
        .setApplicationName(LocalizedText.english("Floorgate"))
        .setApplicationUri(APPLICATION_URI)
        .setProductUri("urn:floorgate")
        .setSessionName(() -> "floorgate:" + connection)
        .setRequestTimeout(uint(options.requestTimeout().toMillis()))
        // Data notifications count as liveness too; one missed keep-alive is enough to notice,
        // so a silent link loss is seen within about two intervals.
        .setKeepAliveInterval(uint(KEEP_ALIVE_MS))
        .setKeepAliveTimeout(uint(Math.min(options.requestTimeout().toMillis(), 5_000)))
        .setKeepAliveFailuresAllowed(uint(1));
    security.configure(config);

    // The ledger keeps Milo from delivering a republished NotificationMessage twice.
    var transport = new PublishLedger(
        OpcTcpClientTransportConfig.newBuilder().setConnectTimeout(uint(connectMs)).build());
    var client = new OpcUaClient(config.build(), transport);
    try {
      client.connectAsync().get(attemptMs, MILLISECONDS);
      return client;
    } catch (Exception e) {
      // A client whose first connect failed keeps retrying on its own; stop it, the driver's
      // backoff decides when to try again.
      disconnect(client, options.closeTimeout().toMillis());
      throw e;
    }
  }

  /** Closes the session and the transport, waiting at most {@code timeoutMs}. */
  static void disconnect(OpcUaClient client, long timeoutMs) {
    try {
      client.disconnectAsync().get(Math.max(1, timeoutMs), MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // Already gone or not answering: nothing more to release on our side.
    }
  }

  private static String tokens(EndpointDescription e) {
    var policies = e.getUserIdentityTokens();
    if (policies == null || policies.length == 0) {
      return "";
    }
    return java.util.Arrays.stream(policies).map(p -> p.getTokenType().name()).distinct()
        .collect(Collectors.joining("+", " (", ")"));
  }

  private static String describe(List<EndpointDescription> endpoints) {
    return endpoints.stream()
        .map(e -> SecurityPolicy.fromUriSafe(e.getSecurityPolicyUri())
            .map(Enum::name).orElse(e.getSecurityPolicyUri()) + "/" + e.getSecurityMode()
            + tokens(e))
        .distinct()
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
