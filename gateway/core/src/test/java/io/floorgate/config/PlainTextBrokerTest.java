package io.floorgate.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A lane without a {@code tls:} section that would speak plain MQTT to another host while it
 * sends a password, or while its list also names TLS brokers, is refused at the line of that
 * broker, unless {@code mqtt.allowPlainText: true}; a broker on this host is always allowed.
 * The test lines start at line 2 of {@link BrokerAndBufferConfigTest#TEMPLATE}.
 */
class PlainTextBrokerTest {

  private static final String RULES =
      "rules: [{ tag: calcination/rhk01/zone01/temperature, type: hi, limit: 800 }]";
  private static final Map<String, String> ENV = Map.of("FLOORGATE_MQTT_PASSWORD", "k7#Lq92zPw");

  private static GatewayConfig parse(String lines) throws ConfigException {
    String yaml = BrokerAndBufferConfigTest.TEMPLATE.formatted(
        lines.strip().replace("\\n", "\n").replace("RULES", RULES));
    return ConfigLoader.parse(yaml, "t.yaml", ENV);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      mixed list                | 'mqtt: { urls: [ssl://a:8883, tcp://b:1883] }' | 2 | mqtt.urls[1] | broker tcp://b:1883 is plain text while ssl://a:8883 in the same list is TLS, so a fail-over would drop TLS without a word: use ssl:// with a tls: section, or set mqtt.allowPlainText: true if this network is trusted
      mixed list and a password | 'mqtt: { urls: [ssl://a:8883, tcp://b:1883], username: gw, password: "${FLOORGATE_MQTT_PASSWORD}" }' | 2 | mqtt.urls[1] | ssl://a:8883 in the same list is TLS, so a fail-over would drop TLS without a word; a password would cross the network in clear: use ssl://
      tcp with a password       | 'mqtt:\\n  url: tcp://broker.plant:1883\\n  password: "${FLOORGATE_MQTT_PASSWORD}"' | 3 | mqtt.url | broker tcp://broker.plant:1883 is plain text while this lane logs in with a password; it would cross the network in clear: use ssl:// with a tls: section, or set mqtt.allowPlainText: true
      ws with a password        | 'mqtt: { url: ws://b:8080, password: "${FLOORGATE_MQTT_PASSWORD}" }' | 2 | mqtt.url | broker ws://b:8080 is plain text while this lane logs in with a password
      alarm lane list           | 'mqtt: { url: ssl://a:8883, password: "${FLOORGATE_MQTT_PASSWORD}" }\\nalarms:\\n  urls: [ssl://a:8883, tcp://c:1883]\\n  RULES' | 4 | alarms.urls[1] | broker tcp://c:1883 is plain text while ssl://a:8883 in the same list is TLS
      alarm lane own password   | 'mqtt: { url: tcp://b:1883 }\\nalarms:\\n  password: "${FLOORGATE_MQTT_PASSWORD}"\\n  RULES' | 4 | alarms.password | broker tcp://b:1883 is plain text while this lane logs in with a password
      sparkplug list            | 'mqtt: { url: ssl://a:8883 }\\nsparkplug:\\n  enabled: true\\n  brokers:\\n    - ssl://a:8883\\n    - tcp://d:1883' | 7 | sparkplug.brokers[1] | broker tcp://d:1883 is plain text while ssl://a:8883 in the same list is TLS
      """)
  void aPlainTextBrokerOnAnotherHostIsRefusedAtItsLine(String name, String lines, int line,
      String path, String message) {
    ConfigException e = assertThrows(ConfigException.class, () -> parse(lines));

    BrokerAndBufferConfigTest.assertOneError(e, line, path, message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      loopback with a password  | 'mqtt: { url: tcp://127.0.0.1:1883, password: "${FLOORGATE_MQTT_PASSWORD}" }'
      localhost beside TLS      | 'mqtt: { urls: [ssl://a:8883, tcp://localhost:1883, "ws://[::1]:8080"] }'
      tcp without a password    | 'mqtt: { urls: [tcp://a:1883, tcp://b:1883], username: gw }'
      allowed by the operator   | 'mqtt: { urls: [ssl://a:8883, tcp://b:1883], password: "${FLOORGATE_MQTT_PASSWORD}", allowPlainText: true }\\nalarms:\\n  urls: [tcp://c:1883]\\n  RULES'
      sparkplug switched off    | 'mqtt: { url: ssl://a:8883, password: "${FLOORGATE_MQTT_PASSWORD}" }\\nsparkplug: { enabled: false, brokers: [tcp://d:1883] }'
      """)
  void aBrokerOnThisHostOrATrustedNetworkIsAllowed(String name, String lines) {
    assertDoesNotThrow(() -> parse(lines));
  }

  @Test
  void theTelemetryLaneKeepsItsUrlsWhenPlainTextIsAllowed() throws ConfigException {
    GatewayConfig config = parse("mqtt: { urls: [ssl://a:8883, tcp://b:1883], "
        + "password: \"${FLOORGATE_MQTT_PASSWORD}\", allowPlainText: true }");

    assertEquals(List.of("ssl://a:8883", "tcp://b:1883"), config.mqtt().urls());
    assertEquals("k7#Lq92zPw", config.mqtt().password());
  }
}
