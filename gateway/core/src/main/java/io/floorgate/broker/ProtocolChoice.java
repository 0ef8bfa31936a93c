package io.floorgate.broker;

import io.floorgate.config.BrokerConfig;
import io.floorgate.config.MqttProtocol;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which MQTT version a lane speaks next, and what it learnt: under {@code protocol: auto} the
 * lane tries MQTT 5, and a broker that refuses it as an unsupported version makes it speak 3.1.1
 * from then on (for the life of the process). A broker that only hangs up on the MQTT 5 CONNECT
 * could as well be refusing the credentials, so 3.1.1 is then tried once on probation and kept
 * only if the broker answers it (a connection, or a 3.1.1 refusal such as bad credentials);
 * otherwise the lane stays on MQTT 5 and reports the first failure as it was.
 *
 * <p>The first 3.1.1 connection is logged once, with what the lane goes without.
 */
final class ProtocolChoice {

  private static final Logger LOG = LoggerFactory.getLogger(BrokerConnection.class);
  static final String WITHOUT_MQTT5 = "Without MQTT 5 the lane goes without user properties "
      + "(a replayed UNS reading carries \"historical\": true in its JSON instead), the broker's "
      + "Receive Maximum and Maximum Packet Size (the lane's own in-flight ceiling rules), "
      + "message and session expiry, reason codes and strings on refusals and disconnects, and "
      + "DISCONNECT with Will (the Sparkplug node publishes its NDEATH itself before it "
      + "disconnects).";

  private final String lane;
  private final BrokerConfig config;
  private boolean only311;
  private boolean probing;
  private @Nullable String why;
  private boolean logged;

  ProtocolChoice(String lane, BrokerConfig config) {
    this.lane = lane;
    this.config = config;
  }

  synchronized MqttProtocol next() {
    return switch (config.protocol()) {
      case V5 -> MqttProtocol.V5;
      case V3_1_1 -> MqttProtocol.V3_1_1;
      case AUTO -> only311 || probing ? MqttProtocol.V3_1_1 : MqttProtocol.V5;
    };
  }

  /** After a failed connect: whether to try again at once with 3.1.1. */
  synchronized boolean failed(MqttProtocol tried, @Nullable Throwable cause) {
    if (config.protocol() != MqttProtocol.AUTO) {
      return false;
    }
    if (tried == MqttProtocol.V5) {
      switch (ConnectFailures.version(cause)) {
        case ONLY_3_1_1 -> {
          only311 = true;
          why = "the broker refused MQTT 5 (" + ConnectFailures.howRefused(cause) + ")";
          return true;
        }
        case MAYBE_3_1_1 -> {
          probing = true;
          why = "the broker hung up on the MQTT 5 CONNECT and took 3.1.1";
          return true;
        }
        default -> {
          return false;
        }
      }
    }
    if (probing) {
      probing = false;
      // A 3.1.1 refusal (credentials, client id) still proves the broker speaks 3.1.1.
      only311 = ConnectFailures.answered311(cause);
    }
    return false;
  }

  synchronized void connected(MqttProtocol protocol, String serverUri) {
    if (protocol != MqttProtocol.V3_1_1) {
      return;
    }
    if (probing) {
      probing = false;
      only311 = true;
    }
    if (logged) {
      return;
    }
    logged = true;
    if (config.protocol() == MqttProtocol.V3_1_1) {
      LOG.info("MQTT {} connection speaks MQTT 3.1.1 with {} as configured (protocol: 3.1.1). {}",
          lane, serverUri, WITHOUT_MQTT5);
    } else {
      LOG.info("MQTT {} connection speaks MQTT 3.1.1 with {}: {}, so protocol: auto uses 3.1.1 "
          + "from now on. {}", lane, serverUri, why, WITHOUT_MQTT5);
    }
  }
}
