package io.floorgate.driver.opcua;

import io.floorgate.driver.SecurityMode;
import io.floorgate.driver.SecuritySpec;
import io.floorgate.driver.UserIdentity;
import java.util.List;
import java.util.Optional;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfigBuilder;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.IdentityProvider;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.sdk.client.identity.X509IdentityProvider;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.jspecify.annotations.Nullable;

/**
 * How the driver secures a session: which of the server's endpoints it picks, and what it adds to
 * the client configuration (application certificate, server-certificate validator, identity).
 * A None/anonymous connection never touches the PKI directory.
 */
final class ClientSecurity {

  private final SecuritySpec spec;
  private final String connection;
  private final @Nullable Pki pki;
  private final @Nullable ServerTrust trust;

  private ClientSecurity(SecuritySpec spec, String connection, @Nullable Pki pki) {
    this.spec = spec;
    this.connection = connection;
    this.pki = pki;
    this.trust = pki == null ? null : new ServerTrust(pki, connection, spec.trustOnFirstUse());
  }

  /** Security for {@code connection}; opens (or creates) the PKI when the connection needs it. */
  static ClientSecurity of(SecuritySpec spec, String connection) {
    return new ClientSecurity(spec, connection, needsPki(spec) ? Pki.open(spec.pkiDir()) : null);
  }

  /**
   * Opens (or creates) the PKI when {@code spec} needs it, so that a directory the gateway cannot
   * use fails the start rather than every connection attempt.
   *
   * @throws java.io.UncheckedIOException naming the directory and the fix
   */
  static void openPki(SecuritySpec spec) {
    if (needsPki(spec)) {
      Pki.open(spec.pkiDir());
    }
  }

  private static boolean needsPki(SecuritySpec spec) {
    return spec.isSecured() || !(spec.identity() instanceof UserIdentity.Anonymous);
  }

  static ClientSecurity none() {
    return new ClientSecurity(SecuritySpec.none(), "", null);
  }

  SecuritySpec spec() {
    return spec;
  }

  @Nullable Pki pki() {
    return pki;
  }

  @Nullable ServerTrust trust() {
    return trust;
  }

  /** The endpoint to connect to, from those the server offers, if one fits. */
  Optional<EndpointDescription> select(List<EndpointDescription> endpoints) {
    String policyUri = policy().getUri();
    MessageSecurityMode mode = mode();
    UserTokenType token = tokenType();
    return endpoints.stream()
        .filter(e -> policyUri.equals(e.getSecurityPolicyUri()))
        .filter(e -> e.getSecurityMode() == mode)
        .filter(e -> offers(e, token))
        .findFirst();
  }

  /** Adds certificate, validator and identity to the client configuration. */
  void configure(OpcUaClientConfigBuilder builder) throws Exception {
    if (pki != null && trust != null) {
      builder.setKeyPair(pki.keyPair())
          .setCertificate(pki.certificate())
          .setCertificateChain(new java.security.cert.X509Certificate[] {pki.certificate()})
          .setCertificateValidator(trust)
          .setApplicationUri(pki.applicationUri());
    }
    builder.setIdentityProvider(identityProvider());
  }

  private IdentityProvider identityProvider() throws Exception {
    UserIdentity identity = spec.identity();
    if (identity instanceof UserIdentity.UserName user) {
      // With a validator: the two-argument constructor would accept any server certificate for
      // encrypting the password on a None endpoint.
      return new UsernameProvider(user.username(), () -> user.password().utf8(),
          java.util.Objects.requireNonNull(trust));
    }
    if (identity instanceof UserIdentity.X509 x509) {
      return new X509IdentityProvider(UserCertificates.certificate(x509.certificate()),
          UserCertificates.privateKey(x509.privateKey()));
    }
    return AnonymousProvider.INSTANCE;
  }

  /** For log lines: "Basic256Sha256/SignAndEncrypt, user 'floorgate'". */
  String describe() {
    return spec.describe();
  }

  SecurityPolicy policy() {
    // Milo's constants carry the specification's names.
    return SecurityPolicy.valueOf(spec.policy().specName());
  }

  MessageSecurityMode mode() {
    SecurityMode mode = spec.mode();
    return mode == SecurityMode.SIGN ? MessageSecurityMode.Sign
        : mode == SecurityMode.SIGN_AND_ENCRYPT ? MessageSecurityMode.SignAndEncrypt
        : MessageSecurityMode.None;
  }

  UserTokenType tokenType() {
    UserIdentity identity = spec.identity();
    return identity instanceof UserIdentity.UserName ? UserTokenType.UserName
        : identity instanceof UserIdentity.X509 ? UserTokenType.Certificate
        : UserTokenType.Anonymous;
  }

  private static boolean offers(EndpointDescription endpoint, UserTokenType type) {
    UserTokenPolicy[] policies = endpoint.getUserIdentityTokens();
    if (policies == null) {
      return false;
    }
    for (UserTokenPolicy policy : policies) {
      if (policy.getTokenType() == type) {
        return true;
      }
    }
    return false;
  }

  String connection() {
    return connection;
  }
}
