package io.floorgate.driver.opcua;

import java.util.List;
import java.util.Optional;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfigBuilder;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;

/**
 * How the driver secures a session: which of the server's endpoints it picks, and what it adds to
 * the client configuration (certificate, key pair, validator, identity). Only "None, anonymous"
 * exists so far; signed/encrypted endpoints and user identities are further implementations.
 */
interface ClientSecurity {

  static ClientSecurity none() {
    return None.INSTANCE;
  }

  /** The endpoint to connect to, from those the server offers, if one fits. */
  Optional<EndpointDescription> select(List<EndpointDescription> endpoints);

  /** Adds certificates, validator and identity to the client configuration. */
  void configure(OpcUaClientConfigBuilder builder);

  /** For log lines: "security None, anonymous". */
  String describe();

  /** Security mode None and the anonymous identity. */
  enum None implements ClientSecurity {
    INSTANCE;

    @Override
    public Optional<EndpointDescription> select(List<EndpointDescription> endpoints) {
      return endpoints.stream()
          .filter(e -> SecurityPolicy.None.getUri().equals(e.getSecurityPolicyUri()))
          .filter(e -> e.getSecurityMode() == MessageSecurityMode.None)
          .filter(None::allowsAnonymous)
          .findFirst();
    }

    @Override
    public void configure(OpcUaClientConfigBuilder builder) {
      builder.setIdentityProvider(AnonymousProvider.INSTANCE);
    }

    @Override
    public String describe() {
      return "security None, anonymous";
    }

    private static boolean allowsAnonymous(EndpointDescription endpoint) {
      UserTokenPolicy[] policies = endpoint.getUserIdentityTokens();
      if (policies == null) {
        return false;
      }
      for (UserTokenPolicy policy : policies) {
        if (policy.getTokenType() == UserTokenType.Anonymous) {
          return true;
        }
      }
      return false;
    }
  }
}
