package io.floorgate.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfigBuilder;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.UsernameIdentityValidator;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.eclipse.milo.opcua.stack.core.security.CertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.CertificateStore;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultApplicationGroup;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultServerCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.FileBasedCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.FileBasedTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateStore;
import org.eclipse.milo.opcua.stack.core.security.MemoryTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.RsaSha256CertificateFactory;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.security.TrustListManager;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The endpoints, certificates and users of one simulated PLC's server. */
final class PlcSecurity {

  private static final Logger log = LoggerFactory.getLogger(PlcSecurity.class);
  private static final List<SecurityPolicy> SIGNED = List.of(SecurityPolicy.Basic128Rsa15,
      SecurityPolicy.Basic256, SecurityPolicy.Basic256Sha256, SecurityPolicy.Aes128_Sha256_RsaOaep,
      SecurityPolicy.Aes256_Sha256_RsaPss);

  private final String plcName;
  private final SimSecurity security;
  private final @Nullable PlcCertificate certificate;
  private final TrustListManager trustList;
  private final CertificateQuarantine quarantine;
  private final Set<String> acceptedClients = new HashSet<>();

  private PlcSecurity(String plcName, SimSecurity security, @Nullable PlcCertificate certificate,
      TrustListManager trustList, CertificateQuarantine quarantine) {
    this.plcName = plcName;
    this.security = security;
    this.certificate = certificate;
    this.trustList = trustList;
    this.quarantine = quarantine;
  }

  /** Made once per PLC and kept across its restarts: the certificate must not change. */
  static PlcSecurity create(String plcName, String applicationUri, String host,
      SimSecurity security) {
    if (!security.secured()) {
      return new PlcSecurity(plcName, security, null, new MemoryTrustListManager(),
          new MemoryCertificateQuarantine());
    }
    if (java.security.Security.getProvider("BC") == null) {
      // Aes256_Sha256_RsaPss needs BouncyCastle's RSASSA-PSS.
      java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
    }
    Path dir = security.pkiDir() == null ? null : security.pkiDir().resolve(plcName.toLowerCase());
    PlcCertificate cert = PlcCertificate.loadOrCreate(plcName, applicationUri, host, dir);
    try {
      TrustListManager trust = dir == null ? new MemoryTrustListManager()
          : FileBasedTrustListManager.createAndInitialize(dir);
      CertificateQuarantine quarantine = dir == null ? new MemoryCertificateQuarantine()
          : FileBasedCertificateQuarantine.create(dir.resolve("rejected"));
      return new PlcSecurity(plcName, security, cert, trust, quarantine);
    } catch (IOException e) {
      throw new UncheckedIOException(plcName + ": cannot use its PKI directory " + dir, e);
    }
  }

  void trust(byte[] der) {
    try {
      trustList.addTrustedCertificate(CertificateUtil.decodeCertificate(der));
    } catch (UaException e) {
      throw new IllegalArgumentException(plcName + ": not a certificate: " + e.getMessage(), e);
    }
  }

  String certificateSha1() {
    if (certificate == null) {
      return "";
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
          .digest(certificate.certificate().getEncoded()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  Set<EndpointConfig> endpoints(String bindHost, int port, String hostname, String path) {
    EndpointConfig.Builder base = EndpointConfig.newBuilder()
        .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
        .setBindAddress(bindHost)
        .setBindPort(port)
        .setHostname(hostname)
        .setPath(path);
    Set<EndpointConfig> endpoints = new LinkedHashSet<>();
    if (certificate == null) {
      endpoints.add(base.copy().setSecurityPolicy(SecurityPolicy.None)
          .setSecurityMode(MessageSecurityMode.None)
          .addTokenPolicy(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS).build());
      return endpoints;
    }
    for (SecurityPolicy policy : SIGNED) {
      for (MessageSecurityMode mode : List.of(MessageSecurityMode.Sign,
          MessageSecurityMode.SignAndEncrypt)) {
        endpoints.add(base.copy().setSecurityPolicy(policy).setSecurityMode(mode)
            .setCertificate(certificate.certificate())
            .addTokenPolicy(OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME).build());
      }
    }
    return endpoints;
  }

  void configure(OpcUaServerConfigBuilder config) {
    if (certificate == null) {
      config.setCertificateManager(new DefaultCertificateManager(new MemoryCertificateQuarantine()))
          .setIdentityValidator(AnonymousIdentityValidator.INSTANCE);
      return;
    }
    CertificateStore store = new MemoryCertificateStore();
    try {
      store.set(NodeIds.RsaSha256ApplicationCertificateType, new CertificateStore.Entry(
          certificate.keyPair().getPrivate(), new X509Certificate[] {certificate.certificate()}));
      var group = DefaultApplicationGroup.createAndInitialize(trustList, store,
          new RsaSha256CertificateFactory() {
            @Override
            protected X509Certificate[] createRsaSha256CertificateChain(java.security.KeyPair kp) {
              return new X509Certificate[] {certificate.certificate()};
            }
          }, clientValidator());
      config.setCertificateManager(new DefaultCertificateManager(quarantine, group));
    } catch (Exception e) {
      throw new IllegalStateException(plcName + ": cannot set up its certificates", e);
    }
    byte[] expected = security.password().utf8();
    config.setIdentityValidator(new UsernameIdentityValidator(challenge -> {
      boolean userOk = security.username().equals(challenge.getUsername());
      boolean passwordOk = MessageDigest.isEqual(expected,
          challenge.getPassword().getBytes(StandardCharsets.UTF_8));
      if (!(userOk && passwordOk)) {
        log.warn("Simulated PLC {}: refused user '{}' (wrong user name or password)", plcName,
            challenge.getUsername());
      }
      return userOk && passwordOk;
    }));
  }

  private CertificateValidator clientValidator() {
    CertificateValidator strict = new DefaultServerCertificateValidator(trustList, quarantine);
    if (!security.trustAllClients()) {
      return strict;
    }
    // Demo mode: a simulator on an engineer's desk accepts any client, saying so once per client.
    return (chain, applicationUri, hostnames) -> {
      X509Certificate client = chain.get(0);
      String subject = client.getSubjectX500Principal().getName();
      synchronized (acceptedClients) {
        if (acceptedClients.add(subject)) {
          log.info("Simulated PLC {}: accepting client certificate {} without checking it "
              + "(the simulator trusts every client; start it with --trusted-clients-only to "
              + "check them)", plcName, subject);
        }
      }
    };
  }
}
