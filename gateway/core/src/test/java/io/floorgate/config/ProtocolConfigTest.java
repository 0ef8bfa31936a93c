package io.floorgate.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code protocol:} of each MQTT lane: the default, inheritance from {@code mqtt:}, errors. */
class ProtocolConfigTest {

  /** The lane sections start at line 2; {@code %s} is replaced by test lines. */
  private static final String TEMPLATE = """
      namespace: { enterprise: jxnmm, site: isohara }
      %s
      connections:
        - name: rhk01
          endpoint: opc.tcp://127.0.0.1:4841/rhk01
          area: calcination
          groups:
            - name: zones
              tags:
                - { path: rhk01/zone01/temperature, node: 'ns=2;s=RHK01.Zone01.TempPV' }
      """;
  private static final String RULES =
      "rules: [ { tag: calcination/rhk01/zone01/temperature, type: hi, limit: 800 } ]";

  private static GatewayConfig parse(String lines) throws ConfigException {
    return ConfigLoader.parse(TEMPLATE.formatted(lines.strip()), "t.yaml", Map.of());
  }

  @Test
  void everyLaneTriesMqtt5AndFallsBackUnlessTold() throws ConfigException {
    GatewayConfig config = parse("""
        mqtt: { url: tcp://a:1883 }
        sparkplug: { enabled: true }
        alarms: { %s }
        """.formatted(RULES));

    assertEquals(MqttProtocol.AUTO, config.mqtt().protocol());
    assertEquals(MqttProtocol.AUTO, config.mqtt().broker().protocol());
    assertEquals(MqttProtocol.AUTO, config.sparkplug().broker().protocol());
    assertEquals(MqttProtocol.AUTO, config.alarms().broker().protocol());
  }

  @Test
  void sparkplugAndAlarmsInheritTheProtocolOfMqtt() throws ConfigException {
    GatewayConfig config = parse("""
        mqtt: { url: tcp://a:1883, protocol: 3.1.1 }
        sparkplug: { enabled: true }
        alarms: { %s }
        """.formatted(RULES));

    assertEquals(MqttProtocol.V3_1_1, config.mqtt().broker().protocol());
    assertEquals(MqttProtocol.V3_1_1, config.sparkplug().broker().protocol());
    assertEquals(MqttProtocol.V3_1_1, config.alarms().broker().protocol());
  }

  @Test
  void eachLaneMayNameItsOwn() throws ConfigException {
    GatewayConfig config = parse("""
        mqtt: { url: tcp://a:1883, protocol: 5 }
        sparkplug: { enabled: true, brokers: ['tcp://b:1883'], protocol: auto }
        alarms: { urls: ['tcp://c:1883'], protocol: 3.1.1, %s }
        """.formatted(RULES));

    assertEquals(MqttProtocol.V5, config.mqtt().broker().protocol(), "YAML's number 5");
    assertEquals(MqttProtocol.AUTO, config.sparkplug().broker().protocol());
    assertEquals(MqttProtocol.V3_1_1, config.alarms().broker().protocol());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      protocol level    | 'mqtt: { url: tcp://a:1883, protocol: 4 }'                    | 2 | mqtt.protocol      | '4' is not an MQTT version
      short version     | 'mqtt: { url: tcp://a:1883 }\\nsparkplug: { enabled: true, protocol: 3.1 }' | 3 | sparkplug.protocol | write 5, 3.1.1, or auto
      with a v          | 'mqtt: { url: tcp://a:1883 }\\nalarms: { protocol: v5, RULES }' | 3 | alarms.protocol    | 'v5' is not an MQTT version
      """)
  void aWrongVersionIsReportedAtItsLine(String name, String lines, int line, String path,
      String message) {
    ConfigException e = assertThrows(ConfigException.class,
        () -> parse(lines.replace("\\n", "\n").replace("RULES", RULES)));

    assertEquals(1, e.errors().size(), e::report);
    ConfigError error = e.errors().get(0);
    assertAll(
        () -> assertEquals(line, error.line(), error::format),
        () -> assertEquals(path, error.path(), error::format),
        () -> assertTrue(error.message().contains(message), error::format));
  }
}
