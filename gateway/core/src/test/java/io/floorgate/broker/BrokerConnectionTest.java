package io.floorgate.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.config.BrokerConfig;
import io.floorgate.config.MqttProtocol;
import io.floorgate.config.TlsConfig;
import io.floorgate.mqtt.TestCa;
import java.io.EOFException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertPathValidatorException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BrokerConnectionTest {

  static final BrokerConfig PLAIN = new BrokerConfig(List.of("tcp://127.0.0.1:1883"),
      "floorgate-isohara", "gw", "s3cret", null, Duration.ofSeconds(20), Duration.ofSeconds(7));

  @ParameterizedTest(name = "CONNACK receive maximum {0} -> {1}")
  @CsvSource({
      ",      65535",
      "20,    20",
      "1,     1",
      "65535, 65535",
  })
  void receiveMaximumDefaultsToTheProtocolMaximum(@Nullable Integer stated, int expected) {
    MqttProperties connack = new MqttProperties();
    connack.setReceiveMaximum(stated);

    assertEquals(expected, BrokerConnection.receiveMaximum(connack));
  }

  @Test
  void connackWithoutPropertiesMeansTheProtocolMaximum() {
    assertEquals(65_535, BrokerConnection.receiveMaximum(null));
  }

  @Test
  void theWindowIsTheSmallerOfTheLanesCeilingAndTheBrokersReceiveMaximum() {
    assertEquals(20, Window.of(64, 20).size());
    assertEquals(64, Window.of(64, 65_535).size());
  }

  @Test
  void everyLaneConnectsWithCleanStartNoSessionAndItsOwnSettings() {
    MqttConnectionOptions options = V5Client.options(PLAIN, null,
        List.of("tcp://a:1883", "tcp://b:1883"), null, 0);

    assertTrue(options.isCleanStart());
    assertEquals(0L, options.getSessionExpiryInterval());
    assertFalse(options.isAutomaticReconnect(), "the lanes reconnect themselves");
    assertEquals(20, options.getKeepAliveInterval());
    assertEquals(7, options.getConnectionTimeout());
    assertArrayEquals(new String[] {"tcp://a:1883", "tcp://b:1883"}, options.getServerURIs());
    assertEquals("gw", options.getUserName());
    assertArrayEquals("s3cret".getBytes(StandardCharsets.UTF_8), options.getPassword());
    assertTrue(options.isHttpsHostnameVerificationEnabled());
    assertNull(options.getWillMessage());
    assertNull(options.getSocketFactory(), "no TLS configured: Paho's default sockets");
  }

  @Test
  void aWillIsSetForItsConnectionOnly() {
    MqttConnectionOptions options = V5Client.options(PLAIN, null, List.of("tcp://a:1883"),
        new Will("spBv1.0/isohara/NDEATH/floorgate", new byte[] {1, 2}, 1, false), 0);

    assertEquals("spBv1.0/isohara/NDEATH/floorgate", options.getWillDestination());
    assertEquals(1, options.getWillMessage().getQos());
    assertFalse(options.getWillMessage().isRetained());
    assertArrayEquals(new byte[] {1, 2}, options.getWillMessage().getPayload());
  }

  @Test
  void tlsSettingsGiveEveryLaneTheSameVerifyingSockets(@TempDir Path dir) throws Exception {
    TestCa ca = TestCa.create(dir, "plant");
    BrokerConfig tls = new BrokerConfig(List.of("ssl://broker:8883"), "floorgate-isohara", null,
        null, new TlsConfig(ca.certFile(), null, null), Duration.ofSeconds(30),
        Duration.ofSeconds(10));

    BrokerConnection connection = new BrokerConnection("UNS", tls);
    MqttConnectionOptions options = V5Client.options(tls, connection.tls(),
        List.of("ssl://broker:8883"), null, 0);

    assertNotNull(options.getSocketFactory());
    assertTrue(options.isHttpsHostnameVerificationEnabled());
  }

  @Test
  void anUnreadableCaFileIsRefusedWithItsName(@TempDir Path dir) {
    Path missing = dir.resolve("no-such-ca.pem");
    BrokerConfig tls = PLAIN.lane(List.of("ssl://broker:8883"), "c", null, null);
    BrokerConfig broken = new BrokerConfig(tls.urls(), "c", null, null,
        new TlsConfig(missing, null, null), tls.keepAlive(), tls.connectTimeout());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new BrokerConnection("Sparkplug", broken));

    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  @Test
  void aRefusedBrokerCertificateNamesTheCaFileToCheck(@TempDir Path dir) {
    Path ca = dir.resolve("plant-ca.pem");
    BrokerConfig tls = new BrokerConfig(List.of("ssl://broker:8883"), "c", null, null,
        new TlsConfig(ca, null, null), Duration.ofSeconds(30), Duration.ofSeconds(10));
    SSLHandshakeException refused = new SSLHandshakeException("PKIX path validation failed");
    refused.initCause(new CertPathValidatorException("signature check failed"));

    String advice = ConnectFailures.advice(new MqttException(refused), tls);

    assertTrue(advice.contains("mqtt.tls.caFile " + ca), advice);
  }

  @ParameterizedTest(name = "CONNACK reason {0}")
  @CsvSource(delimiter = '|', value = {
      "134 | user 'gw'",
      "135 | client 'floorgate-isohara'",
      "133 | client id 'floorgate-isohara'",
      "132 | MQTT 5",
  })
  void aConnackRefusalSaysWhatToChange(int reasonCode, String named) {
    String advice = ConnectFailures.advice(new MqttException(reasonCode), PLAIN);

    assertTrue(advice.contains(named), advice);
    assertTrue(advice.contains(String.format("0x%02x", reasonCode)), advice);
  }

  @Test
  void anMqtt311ConnectHasTheSameSettingsAndWill() {
    MqttConnectOptions options = V3Client.options(PLAIN, null,
        List.of("tcp://a:1883", "tcp://b:1883"),
        new Will("spBv1.0/isohara/NDEATH/floorgate", new byte[] {1, 2}, 1, false));

    assertEquals(MqttConnectOptions.MQTT_VERSION_3_1_1, options.getMqttVersion(),
        "exactly 3.1.1, never Paho's silent step down to 3.1");
    assertTrue(options.isCleanSession());
    assertFalse(options.isAutomaticReconnect());
    assertEquals(20, options.getKeepAliveInterval());
    assertEquals(7, options.getConnectionTimeout());
    assertArrayEquals(new String[] {"tcp://a:1883", "tcp://b:1883"}, options.getServerURIs());
    assertEquals("gw", options.getUserName());
    assertArrayEquals("s3cret".toCharArray(), options.getPassword());
    assertEquals("spBv1.0/isohara/NDEATH/floorgate", options.getWillDestination());
    assertEquals(1, options.getWillMessage().getQos());
    assertTrue(options.getMaxInflight() >= 65_535, "the lane's window is the limit, not Paho's 10");
  }

  @Test
  void anMqtt311ConnackToAnMqtt5ConnectMeansTheBrokerSpeaksOnly311() {
    // What Paho v5 throws when Moquette or RabbitMQ answer with return code 1.
    MqttException invalidReturnCode = new MqttException(MqttException.REASON_CODE_INVALID_RETURN_CODE);

    assertEquals(ConnectFailures.Version.ONLY_3_1_1, ConnectFailures.version(invalidReturnCode));
    assertEquals(ConnectFailures.Version.ONLY_3_1_1, ConnectFailures.version(new MqttException(0x84)));
    String advice = ConnectFailures.advice(invalidReturnCode, PLAIN);
    assertTrue(advice.contains("speaks only MQTT 3.1.1"), advice);
    assertTrue(advice.contains("protocol: auto"), advice);
  }

  @Test
  void aHangUpOnTheConnectMayMean311ButARefusedPortOrTlsDoesNot() {
    MqttException eof = new MqttException(32109, new EOFException());
    MqttException refused = new MqttException(32103, new ConnectException("Connection refused"));
    MqttException tls = new MqttException(32109, new SSLHandshakeException("bad certificate"));
    MqttException timeout = new MqttException(32000);

    assertEquals(ConnectFailures.Version.MAYBE_3_1_1, ConnectFailures.version(eof));
    assertEquals(ConnectFailures.Version.UNRELATED, ConnectFailures.version(refused));
    assertEquals(ConnectFailures.Version.UNRELATED, ConnectFailures.version(tls));
    assertEquals(ConnectFailures.Version.UNRELATED, ConnectFailures.version(timeout));
  }

  @Test
  void autoFallsBackTo311OnARefusalAndRemembersIt() {
    BrokerConnection connection = new BrokerConnection("UNS", PLAIN);
    assertEquals(MqttProtocol.V5, connection.protocol());

    assertTrue(connection.retryWith311(MqttProtocol.V5,
        new MqttException(MqttException.REASON_CODE_INVALID_RETURN_CODE)));
    assertEquals(MqttProtocol.V3_1_1, connection.protocol());

    // A later outage of the 3.1.1 broker does not bring MQTT 5 back.
    assertFalse(connection.retryWith311(MqttProtocol.V3_1_1,
        new org.eclipse.paho.client.mqttv3.MqttException(32103)));
    assertEquals(MqttProtocol.V3_1_1, connection.protocol());
  }

  @Test
  void aHangUpIsTriedWith311OnceAndForgottenWhen311FailsToo() {
    BrokerConnection connection = new BrokerConnection("UNS", PLAIN);

    assertTrue(connection.retryWith311(MqttProtocol.V5, new MqttException(32109,
        new EOFException())));
    assertEquals(MqttProtocol.V3_1_1, connection.protocol());
    assertFalse(connection.retryWith311(MqttProtocol.V3_1_1,
        new org.eclipse.paho.client.mqttv3.MqttException(32109, new EOFException())));

    assertEquals(MqttProtocol.V5, connection.protocol(), "the broker hangs up on 3.1.1 too");
  }

  @Test
  void aConfiguredVersionIsNeverChanged() {
    BrokerConnection five = new BrokerConnection("UNS", PLAIN.lane(PLAIN.urls(), "c", null, null,
        MqttProtocol.V5));

    assertFalse(five.retryWith311(MqttProtocol.V5,
        new MqttException(MqttException.REASON_CODE_INVALID_RETURN_CODE)));
    assertEquals(MqttProtocol.V5, five.protocol());
  }

  @Test
  void aSessionTakenOverSaysEachGatewayNeedsItsOwnClientId() {
    MqttDisconnectResponse taken = new MqttDisconnectResponse(0x8E, null, null, null);

    String reason = ConnectFailures.lost(taken, PLAIN);

    assertTrue(reason.contains("floorgate-isohara"), reason);
    assertTrue(reason.contains("each gateway needs its own client id"), reason);
  }
}
