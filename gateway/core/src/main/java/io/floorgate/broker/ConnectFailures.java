package io.floorgate.broker;

import io.floorgate.config.BrokerConfig;
import io.floorgate.config.MqttProtocol;
import io.floorgate.config.TlsConfig;
import java.io.EOFException;
import java.net.SocketException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.jspecify.annotations.Nullable;

/**
 * Why a connect failed or a connection ended, in words an operator can act on: TLS refusals
 * named as such with the files to check, the broker's MQTT 5 reason codes (CONNACK and
 * DISCONNECT) and MQTT 3.1.1 return codes turned into the setting to change, and whether a
 * refusal means the broker does not speak MQTT 5.
 */
final class ConnectFailures {

  /** How a failed MQTT 5 connect speaks to the broker's protocol version. */
  enum Version {
    /** The broker said so: a 3.1.1 CONNACK, or MQTT 5 reason 0x84. */
    ONLY_3_1_1,
    /** It closed the connection right after our CONNECT, as some 3.1.1-only brokers do. */
    MAYBE_3_1_1,
    /** Nothing to do with the version (down, unreachable, TLS, credentials …). */
    UNRELATED
  }

  /** Paho v5: a CONNACK return code that is not an MQTT 5 reason code, i.e. a 3.1.1 answer. */
  private static final int INVALID_RETURN_CODE =
      org.eclipse.paho.mqttv5.common.MqttException.REASON_CODE_INVALID_RETURN_CODE;
  private static final int UNSUPPORTED_PROTOCOL_VERSION = 0x84;
  private static final int CONNECTION_LOST = 32109;

  private ConnectFailures() {}

  /** What a failed MQTT 5 connect says about the broker's version. */
  static Version version(@Nullable Throwable cause) {
    if (cause == null || find(cause, SSLException.class) != null) {
      return Version.UNRELATED;
    }
    MqttException v5 = find(cause, MqttException.class);
    if (v5 != null && (v5.getReasonCode() == INVALID_RETURN_CODE
        || v5.getReasonCode() == UNSUPPORTED_PROTOCOL_VERSION)) {
      return Version.ONLY_3_1_1;
    }
    // The TCP connection was made and the broker hung up on the CONNECT (aedes, some RabbitMQ
    // versions): a refused port or a timeout is something else.
    if (v5 != null && v5.getReasonCode() == CONNECTION_LOST
        && (find(cause, EOFException.class) != null || find(cause, SocketException.class) != null
            || root(cause) == v5)) {
      return Version.MAYBE_3_1_1;
    }
    return Version.UNRELATED;
  }

  /** How the broker refused MQTT 5, for a {@link Version#ONLY_3_1_1} failure. */
  static String howRefused(@Nullable Throwable cause) {
    MqttException v5 = find(cause, MqttException.class);
    return v5 != null && v5.getReasonCode() == UNSUPPORTED_PROTOCOL_VERSION
        ? "reason 0x84, unsupported protocol version"
        : "it answered the MQTT 5 CONNECT with an MQTT 3.1.1 CONNACK";
  }

  /** Whether a failed 3.1.1 connect got a 3.1.1 CONNACK: the broker speaks 3.1.1. */
  static boolean answered311(@Nullable Throwable cause) {
    org.eclipse.paho.client.mqttv3.MqttException v3 =
        find(cause, org.eclipse.paho.client.mqttv3.MqttException.class);
    return v3 != null && v3.getReasonCode() >= 1 && v3.getReasonCode() <= 5;
  }

  /**
   * Whether the broker refused the credentials or the client (MQTT 5 reason 0x86 or 0x87, 3.1.1
   * return code 4 or 5): retrying soon cannot help and may lock the account.
   */
  static boolean isAuthRefusal(@Nullable Throwable cause) {
    MqttException v5 = find(cause, MqttException.class);
    if (v5 != null && (v5.getReasonCode() == 0x86 || v5.getReasonCode() == 0x87)) {
      return true;
    }
    org.eclipse.paho.client.mqttv3.MqttException v3 =
        find(cause, org.eclipse.paho.client.mqttv3.MqttException.class);
    return v3 != null && (v3.getReasonCode() == 4 || v3.getReasonCode() == 5);
  }

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
    if (mqtt != null && version(cause) == Version.ONLY_3_1_1) {
      return "The broker speaks only MQTT 3.1.1 (" + howRefused(mqtt) + "): set protocol: auto (or "
          + "protocol: 3.1.1) for this lane (mqtt.protocol, or sparkplug.protocol / "
          + "alarms.protocol), or enable MQTT 5 on the broker.";
    }
    String refusal = mqtt == null ? null : refusal(mqtt.getReasonCode(), config);
    if (refusal == null) {
      org.eclipse.paho.client.mqttv3.MqttException v3 =
          find(cause, org.eclipse.paho.client.mqttv3.MqttException.class);
      refusal = v3 == null ? null : refusal311(v3.getReasonCode(), config);
    }
    if (refusal != null) {
      return refusal;
    }
    if (version(cause) == Version.MAYBE_3_1_1 && config.protocol() == MqttProtocol.V5) {
      return "The broker closed the connection on the CONNECT: check the credentials and its "
          + "access rules, and if it speaks only MQTT 3.1.1, set protocol: auto.";
    }
    return "Check that the broker runs and the URL, port and credentials.";
  }

  /** The broker's answer to an MQTT 3.1.1 CONNECT, when it refused it (3.2.2.3). */
  static @Nullable String refusal311(int returnCode, BrokerConfig config) {
    return switch (returnCode) {
      case 1 -> "The broker refused MQTT 3.1.1 too (return code 1, unacceptable protocol "
          + "version): check that it is an MQTT broker and which versions it speaks.";
      case 2 -> "The broker refused client id '" + config.clientId() + "' (return code 2): set "
          + "clientId to letters, digits and '-' only, or allow it on the broker.";
      case 3 -> "The broker is unavailable (return code 3): retrying.";
      case 4 -> "The broker refused user '" + config.username() + "' (return code 4, bad user "
          + "name or password): check username and password.";
      case 5 -> "The broker does not authorize client '" + config.clientId() + "'"
          + (config.username() == null ? "" : " (user '" + config.username() + "')")
          + " (return code 5): check the broker's access rules for it.";
      default -> null;
    };
  }

  /** The broker's answer to CONNECT, when it refused it with an MQTT 5 reason code. */
  static @Nullable String refusal(int reasonCode, BrokerConfig config) {
    return switch (reasonCode) {
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
