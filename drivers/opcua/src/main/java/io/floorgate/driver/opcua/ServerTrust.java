package io.floorgate.driver.opcua;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultClientCertificateValidator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a PLC's certificate against the gateway's trust list (Milo's
 * {@link DefaultClientCertificateValidator}: refused certificates are filed in {@code rejected/}),
 * remembers the last refusal so the connect failure can say exactly what to trust, and — only when
 * configured — trusts a connection's first certificate and pins it.
 */
final class ServerTrust implements CertificateValidator {

  private static final Logger log = LoggerFactory.getLogger(ServerTrust.class);

  private final Pki pki;
  private final String connection;
  private final boolean trustOnFirstUse;
  private final CertificateValidator delegate;
  private volatile @Nullable X509Certificate lastRejected;

  ServerTrust(Pki pki, String connection, boolean trustOnFirstUse) {
    this.pki = pki;
    this.connection = connection;
    this.trustOnFirstUse = trustOnFirstUse;
    this.delegate = new DefaultClientCertificateValidator(pki.trustList(), pki.rejected());
  }

  @Override
  public void validateCertificateChain(List<X509Certificate> chain,
      @Nullable String applicationUri, String @Nullable [] validHostnames) throws UaException {
    try {
      delegate.validateCertificateChain(chain, applicationUri, validHostnames);
      lastRejected = null;
    } catch (UaException e) {
      X509Certificate cert = chain.get(0);
      if (trustOnFirstUse && isUntrusted(e) && pinFirst(cert)) {
        return;
      }
      lastRejected = cert;
      throw e;
    }
  }

  /** The certificate refused in the latest check, if the latest check refused one. */
  @Nullable X509Certificate lastRejected() {
    return lastRejected;
  }

  void clearLastRejected() {
    lastRejected = null;
  }

  private static boolean isUntrusted(UaException e) {
    long code = e.getStatusCode().value();
    return code == StatusCodes.Bad_SecurityChecksFailed
        || code == StatusCodes.Bad_CertificateUntrusted
        || code == StatusCodes.Bad_CertificateChainIncomplete;
  }

  /** Trusts {@code cert} when this connection has pinned none yet; false when it has another. */
  private synchronized boolean pinFirst(X509Certificate cert) {
    Path pin = pki.pinFile(connection);
    String thumb = Pki.sha1(cert);
    try {
      if (Files.exists(pin)) {
        String pinned = Files.readString(pin, StandardCharsets.US_ASCII).strip();
        if (!pinned.equals(thumb)) {
          log.error("opcua connection '{}': the PLC presents certificate {} (SHA-1 {}), but the "
                  + "one trusted on first use was SHA-1 {}. If the PLC's certificate really "
                  + "changed, check it and run: floorgate trust --pki {} {}",
              connection, cert.getSubjectX500Principal().getName(), thumb, pinned, pki.dir(), thumb);
          return false;
        }
      }
      pki.trustList().addTrustedCertificate(cert);
      pki.rejected().removeRejectedCertificate(cert);
      Files.writeString(pin, thumb + System.lineSeparator(), StandardCharsets.US_ASCII);
      log.warn("opcua connection '{}': trusted the PLC's certificate on first use: {} (SHA-1 {}, "
              + "SHA-256 {}); it is pinned in {} — compare the fingerprint with the PLC's, and "
              + "turn trustOnFirstUse off once it is trusted",
          connection, cert.getSubjectX500Principal().getName(), thumb, Pki.sha256(cert),
          pki.dir().resolve("trusted").resolve("certs"));
      return true;
    } catch (IOException e) {
      log.error("opcua connection '{}': cannot pin the PLC's certificate in {}: {}",
          connection, pin, e.getMessage());
      return false;
    }
  }
}
