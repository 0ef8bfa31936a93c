package io.floorgate.broker;

import io.floorgate.config.BrokerConfig;
import io.floorgate.config.TlsConfig;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.jspecify.annotations.Nullable;

/**
 * Why a connect failed or a connection ended, in words an operator can act on: TLS refusals
 * named as such with the files to check, and the broker's MQTT 5 reason codes (CONNACK and
 * DISCONNECT) turned into the setting to change.
 */
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
  static String advice(@Nullable Throwable cause, BrokerConfig config) {
    TlsConfig tls = config.tls();
    if (find(cause, CertificateException.class) != null
        || find(cause, CertPathValidatorException.class) != null
        || find(cause, SSLHandshakeException.class) != null) {
      String ca = tls == null ? "the JVM's default trust store (set mqtt.tls.caFile for a plant CA)"
          : "mqtt.tls.caFile " + tls.caFile();
      String client = tls == null || tls.certFile() == null ? ""
          : " Or the broker refused the gateway's client certificate: check that the broker "
              + "trusts the CA of mqtt.tls.certFile " + tls.certFile() + ".";
      return "The TLS handshake failed: check that " + ca + " holds the CA that signed the "
          + "broker's certificate and that the certificate names the host in the URL." + client;
    }
    if (find(cause, SSLException.class) != null) {
      return "TLS failed: check that the broker speaks TLS on that port (ssl://) and mqtt.tls"
          + (tls == null ? "" : " (caFile " + tls.caFile() + ")") + ".";
    }
    MqttException mqtt = find(cause, MqttException.class);
    String refusal = mqtt == null ? null : refusal(mqtt.getReasonCode(), config);
    return refusal != null ? refusal
        : "Check that the broker runs and the URL, port and credentials.";
  }

  /** The broker's answer to CONNECT, when it refused it with an MQTT 5 reason code. */
  static @Nullable String refusal(int reasonCode, BrokerConfig config) {
    return switch (reasonCode) {
      case 0x84 -> "The broker refused MQTT 5 (reason 0x84, unsupported protocol version): use "
          + "a broker that speaks MQTT 5, or enable MQTT 5 on it.";
      case 0x85 -> "The broker refused client id '" + config.clientId() + "' (reason 0x85): set "
          + "clientId to letters, digits and '-' only, or allow it on the broker.";
      case 0x86 -> "The broker refused user '" + config.username() + "' (reason 0x86, bad user "
          + "name or password): check username and password.";
      case 0x87 -> "The broker does not authorize client '" + config.clientId() + "'"
          + (config.username() == null ? "" : " (user '" + config.username() + "')")
          + " (reason 0x87): check the broker's access rules for it.";
      case 0x88, 0x89 -> "The broker is unavailable or busy (reason 0x"
          + Integer.toHexString(reasonCode) + "): retrying.";
      case 0x8A -> "The broker has banned client '" + config.clientId() + "' (reason 0x8A): ask "
          + "its administrator.";
      default -> null;
    };
  }

  /** Why the broker or the network ended a connection that was up. */
  static String lost(MqttDisconnectResponse response, BrokerConfig config) {
    MqttException cause = response.getException();
    if (cause != null) {
      return describe(cause);
    }
    int code = response.getReturnCode();
    String text = response.getReasonString() == null ? "" : " " + response.getReasonString();
    return switch (code) {
      case 0x8E -> "another client with id " + config.clientId() + " connected to the broker "
          + "(reason 0x8E, session taken over); each gateway needs its own client id";
      case 0x8B -> "the broker is shutting down (reason 0x8B)" + text;
      case 0x8D -> "the broker saw no keep-alive in time (reason 0x8D)" + text;
      case 0x87 -> "the broker no longer authorizes client " + config.clientId()
          + " (reason 0x87)" + text;
      case 0x95 -> "a message was larger than the broker takes (reason 0x95)" + text;
      default -> "broker sent DISCONNECT, reason code 0x" + Integer.toHexString(code) + text;
    };
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
