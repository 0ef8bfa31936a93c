package io.floorgate.driver.opcua;

import io.floorgate.driver.UserIdentity;
import java.security.cert.X509Certificate;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaExceptionStatus;
import org.jspecify.annotations.Nullable;

/**
 * Turns a failed secure connect into what the operator has to do: which side refused whose
 * certificate and which file to trust where, or which credentials to check.
 *
 * <p>Milo reports both "the PLC refused the gateway's certificate" and "the gateway refused the
 * PLC's" as {@code Bad_SecurityChecksFailed}; the gateway's own validator tells them apart, since
 * it remembers a certificate it refused during the attempt.
 */
final class SecurityAdvice {

  private SecurityAdvice() {}

  /** What to do about {@code failure}, or null when it is not a security problem. */
  static @Nullable String advise(Throwable failure, ClientSecurity security) {
    long code = UaExceptionStatus.extract(Causes.unwrap(failure))
        .map(s -> s.getStatusCode().value()).orElse(StatusCodes.Good);
    ServerTrust trust = security.trust();
    X509Certificate refused = trust == null ? null : trust.lastRejected();
    Pki pki = security.pki();
    if (refused != null && pki != null) {
      trust.clearLastRejected();
      String thumb = Pki.sha1(refused);
      return "the PLC's certificate is not trusted: " + refused.getSubjectX500Principal().getName()
          + " (SHA-1 " + thumb + ") was saved in " + pki.dir().resolve("rejected")
          + "; check the fingerprint with the PLC's, then run: floorgate trust --pki "
          + pki.dir() + " " + thumb.substring(0, 16);
    }
    if (isUserRefusal(code)) {
      UserIdentity identity = security.spec().identity();
      String who = identity instanceof UserIdentity.UserName u ? "user '" + u.username() + "'"
          : identity instanceof UserIdentity.X509 x ? "the user certificate " + x.certificate()
          : "the anonymous identity";
      String fix = identity instanceof UserIdentity.UserName
          ? "check security.username and the password (security.password, usually ${VAR}, or "
              + "security.passwordFile) of connection '" + security.connection() + "'"
          : identity instanceof UserIdentity.X509
              ? "make the PLC trust that certificate, or use another identity"
              : "configure security.identity: username (or x509) for this connection";
      return "the PLC refused " + who + " (" + SampleMapper.statusName(code) + "): " + fix;
    }
    if (pki != null && isCertificateRefusal(code)) {
      return "the PLC refused the gateway's certificate (" + SampleMapper.statusName(code)
          + "): add " + pki.ownCertificateFile() + " (SHA-1 " + Pki.sha1(pki.certificate())
          + ") to the PLC's trusted certificates — on the PLC or its engineering tool, or for "
          + "floorgate sim move it from the simulator's rejected folder to its trusted folder";
    }
    return null;
  }

  /** Whether the PLC refused the user (not the certificate, not the network). */
  static boolean isUserRefused(Throwable failure) {
    return isUserRefusal(UaExceptionStatus.extract(Causes.unwrap(failure))
        .map(s -> s.getStatusCode().value()).orElse(StatusCodes.Good));
  }

  private static boolean isUserRefusal(long code) {
    return code == StatusCodes.Bad_UserAccessDenied
        || code == StatusCodes.Bad_IdentityTokenRejected
        || code == StatusCodes.Bad_IdentityTokenInvalid
        || code == StatusCodes.Bad_UserSignatureInvalid;
  }

  private static boolean isCertificateRefusal(long code) {
    return code == StatusCodes.Bad_SecurityChecksFailed
        || code == StatusCodes.Bad_CertificateUntrusted
        || code == StatusCodes.Bad_CertificateInvalid
        || code == StatusCodes.Bad_CertificateUriInvalid
        || code == StatusCodes.Bad_CertificateTimeInvalid;
  }
}
