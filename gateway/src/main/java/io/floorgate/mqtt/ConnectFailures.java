package io.floorgate.mqtt;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.jspecify.annotations.Nullable;

/** Why a connect failed, in words an operator can act on, with TLS refusals named as such. */
final class ConnectFailures {

  private ConnectFailures() {}

  /** The failure and, when it adds something, its root cause. */
  static String describe(@Nullable Throwable cause) {
    if (cause == null) {
      return "no reason given";
    }
    Throwable root = root(cause);
    // Paho's message often repeats its cause; name the root only when it adds something.
    boolean rootAdds = root != cause && !String.valueOf(cause).contains(root.toString());
    return cause + (rootAdds ? " caused by " + root : "");
  }

  /** What to check, depending on what failed. */
  static String advice(@Nullable Throwable cause) {
    if (find(cause, CertificateException.class) != null
        || find(cause, CertPathValidatorException.class) != null
        || find(cause, SSLHandshakeException.class) != null) {
      return "The broker's TLS certificate was refused: check that mqtt.tls.caFile holds the CA"
          + " that signed it and that it names the host in the URL (or the TLS client"
          + " certificate was refused by the broker: check mqtt.tls.certFile).";
    }
    if (find(cause, SSLException.class) != null) {
      return "TLS failed: check that the broker speaks TLS on that port (ssl://) and mqtt.tls.";
    }
    return "Check that the broker runs and the url, port and credentials.";
  }

  private static Throwable root(Throwable cause) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  private static <T extends Throwable> @Nullable T find(@Nullable Throwable cause, Class<T> type) {
    for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
