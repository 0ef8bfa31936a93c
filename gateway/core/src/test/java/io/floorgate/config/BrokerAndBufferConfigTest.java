package io.floorgate.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code mqtt:} brokers, credentials and TLS, and {@code buffer:}: values and their errors. */
class BrokerAndBufferConfigTest {

  /** The mqtt and buffer settings start at line 2; {@code %s} is replaced by test lines. */
  static final String TEMPLATE = """
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

  @TempDir Path dir;

  private static GatewayConfig parse(String lines) throws ConfigException {
    return ConfigLoader.parse(TEMPLATE.formatted(lines.strip()), "t.yaml", Map.of());
  }

  @Test
  void brokersAreTriedInTheListedOrderWithTlsFilesAndAPasswordFile() throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
    Path cert = Files.writeString(dir.resolve("gw.pem"), "-----BEGIN CERTIFICATE-----\n");
    Path key = Files.writeString(dir.resolve("gw.key"), "-----BEGIN PRIVATE KEY-----\n");
    Path password = Files.writeString(dir.resolve("password"), "s3cret\n");

    MqttConfig mqtt = parse("""
        mqtt:
          urls: [ssl://broker-a:8883, ssl://broker-b:8883]
          username: gw
          passwordFile: %s
          tls: { caFile: %s, certFile: %s, keyFile: %s }
        """.formatted(password, ca, cert, key)).mqtt();

    assertEquals(List.of("ssl://broker-a:8883", "ssl://broker-b:8883"), mqtt.urls());
    assertEquals("ssl://broker-a:8883", mqtt.url());
    assertEquals("s3cret", mqtt.password(), "the first line, without its newline");
    assertEquals(new TlsConfig(ca, cert, key), mqtt.tls());
    assertTrue(mqtt.toString().contains("password=***") && !mqtt.toString().contains("s3cret"));
  }

  @Test
  void theBatchedFormAndAnInMemoryBufferAreChosenInTheFile() throws Exception {
    GatewayConfig config = parse("""
        mqtt: { url: tcp://a:1883 }
        uns: { form: batched, maxBatch: 200 }
        buffer: { enabled: false }
        """);

    assertEquals(new UnsConfig(true, UnsConfig.Form.BATCHED, 200), config.uns());
    assertEquals(false, config.buffer().enabled());
    assertEquals(new UnsConfig(true, UnsConfig.Form.PER_TAG, 500),
        parse("mqtt: { url: tcp://a:1883 }").uns(), "one message per reading by default");
  }

  @Test
  void telemetryGoesOverTheConnectionsGivenEachWithItsOwnClientId() throws Exception {
    MqttConfig mqtt = parse("mqtt: { url: tcp://a:1883, clientId: edge-7, connections: 4 }").mqtt();

    assertEquals(4, mqtt.connections());
    assertEquals("edge-7", mqtt.connection(0).clientId());
    assertEquals("edge-7-3", mqtt.connection(3).clientId());
    assertEquals(1, parse("mqtt: { url: tcp://a:1883 }").mqtt().connections(), "one by default");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      url and urls      | 'mqtt: { url: tcp://a:1883, urls: [tcp://b:1883] }'        | 2 | mqtt.urls      | give either url (one broker) or urls
      bad url in list   | 'mqtt: { urls: [tcp://a:1883, mqtts://b:8883] }'            | 2 | mqtt.urls[1]   | Paho names MQTT over TLS ssl://
      tls on tcp        | 'mqtt: { url: tcp://a:1883, tls: { caFile: /etc/hosts } }'  | 2 | mqtt.tls       | is not TLS; write ssl://host:8883
      missing ca file   | 'mqtt: { url: ssl://a:8883, tls: { caFile: /nonexistent/ca.pem } }' | 2 | mqtt.tls.caFile | does not exist or is not a file
      cert without key  | 'mqtt: { url: ssl://a:8883, tls: { caFile: /etc/hosts, certFile: /etc/hosts } }' | 2 | mqtt.tls.certFile | needs both certFile and keyFile
      password twice    | 'mqtt: { url: tcp://a:1883, password: x, passwordFile: /etc/hosts }' | 2 | mqtt.passwordFile | either password
      queueCapacity     | 'mqtt: { url: tcp://a:1883, queueCapacity: 1000 }'          | 2 | mqtt.queueCapacity | size the buffer with buffer.maxBytes
      size without unit | 'mqtt: { url: tcp://a:1883 }\nbuffer: { maxBytes: 500 }'     | 3 | buffer.maxBytes | 500 has no unit; write e.g. 500MB
      size below min    | 'mqtt: { url: tcp://a:1883 }\nbuffer: { maxBytes: 10kB }'    | 3 | buffer.maxBytes | below the minimum of 1MB
      policy misspelt   | 'mqtt: { url: tcp://a:1883 }\nbuffer: { whenFull: drop-olded }' | 3 | buffer.whenFull | did you mean 'drop-oldest'?
      age too short     | 'mqtt: { url: tcp://a:1883 }\nbuffer: { maxAge: 10s }'      | 3 | buffer.maxAge   | below the minimum of 1m
      unknown key       | 'mqtt: { url: tcp://a:1883 }\nbuffer: { maxSize: 1GB }'     | 3 | buffer          | unknown key 'maxSize'
      buffer switch     | 'mqtt: { url: tcp://a:1883 }\nbuffer: { enabled: off }'     | 3 | buffer.enabled  | 'off' is not true or false
      uns form misspelt | 'mqtt: { url: tcp://a:1883 }\nuns: { form: batch }'         | 3 | uns.form        | did you mean 'batched'?
      batch of one      | 'mqtt: { url: tcp://a:1883 }\nuns: { form: batched, maxBatch: 1 }' | 3 | uns.maxBatch | below the minimum of 2
      cap below start   | 'mqtt:\n  url: tcp://a:1883\n  reconnect:\n    initialDelay: 5s\n    maxDelay: 2s' | 6 | mqtt.reconnect.maxDelay | 2s is below initialDelay 5s; make maxDelay at least 5s
      cap too long      | 'mqtt: { url: tcp://a:1883, reconnect: { maxDelay: 2h } }'  | 2 | mqtt.reconnect.maxDelay | above the maximum of 1h
      start too short   | 'mqtt: { url: tcp://a:1883, reconnect: { initialDelay: 10ms } }' | 2 | mqtt.reconnect.initialDelay | below the minimum of 100ms
      reconnect key     | 'mqtt: { url: tcp://a:1883, reconnect: { max: 5s } }'       | 2 | mqtt.reconnect  | did you mean 'maxDelay'?
      no connection     | 'mqtt:\n  url: tcp://a:1883\n  connections: 0'             | 4 | mqtt.connections | below the minimum of 1
      many connections  | 'mqtt: { url: tcp://a:1883, connections: 17 }'              | 2 | mqtt.connections | above the maximum of 16; use 16 or less
      """)
  void eachMistakeIsReportedAtItsLine(String name, String lines, int line, String path,
      String message) {
    ConfigException e = assertThrows(ConfigException.class, () -> parse(lines.replace("\\n", "\n")));

    assertOneError(e, line, path, message);
  }

  /** That {@code e} holds one error only, at this line and path, saying {@code message}. */
  static void assertOneError(ConfigException e, int line, String path, String message) {
    assertEquals(1, e.errors().size(), e::report);
    ConfigError error = e.errors().get(0);
    assertAll(
        () -> assertEquals(line, error.line(), error::format),
        () -> assertEquals(path, error.path(), error::format),
        () -> assertTrue(error.message().contains(message), error::format));
  }

  @Test
  void reconnectWaitsAreReadAndDefaultToOneSecondDoublingToThirty() throws Exception {
    assertEquals(new ReconnectConfig(Duration.ofSeconds(1), Duration.ofSeconds(30)),
        parse("mqtt: { url: tcp://a:1883 }").mqtt().reconnect());
    GatewayConfig config = parse("""
        mqtt: { url: tcp://a:1883, reconnect: { initialDelay: 200ms, maxDelay: 5s } }
        alarms: { rules: [ { tag: calcination/rhk01/zone01/temperature, type: hi, limit: 900 } ] }
        sparkplug: { enabled: true }
        """);

    ReconnectConfig wanted = new ReconnectConfig(Duration.ofMillis(200), Duration.ofSeconds(5));
    assertAll(
        () -> assertEquals(wanted, config.mqtt().broker().reconnect()),
        () -> assertEquals(wanted, config.alarms().broker().reconnect(), "alarm lane inherits"),
        () -> assertEquals(wanted, config.sparkplug().broker().reconnect(), "Sparkplug inherits"),
        () -> assertEquals(new ReconnectConfig(Duration.ofMinutes(2), Duration.ofMinutes(2)),
            parse("mqtt: { url: tcp://a:1883, reconnect: { initialDelay: 2m } }").mqtt()
                .reconnect(), "maxDelay is at least initialDelay"));
  }

  @Test
  void aMaxDelayLongerThanTheBuffersMaxAgeIsAWarningAtItsLine() throws Exception {
    ConfigLoader.Checked longer = ConfigLoader.read(TEMPLATE.formatted("""
        mqtt:
          url: tcp://a:1883
          reconnect: { maxDelay: 10m }
        buffer: { maxAge: 5m }"""), "t.yaml", Map.of(), ConfigLoader.NO_BASES);
    ConfigLoader.Checked shorter = ConfigLoader.read(TEMPLATE.formatted("""
        mqtt: { url: tcp://a:1883, reconnect: { maxDelay: 5m } }
        buffer: { maxAge: 5m }"""), "t.yaml", Map.of(), ConfigLoader.NO_BASES);

    assertEquals(List.of("t.yaml:4: mqtt.reconnect.maxDelay: warning: 10m is longer than "
        + "buffer.maxAge 5m: after an outage the gateway may still wait to reconnect while its "
        + "queued readings expire; make maxDelay shorter than maxAge"), longer.warningLines());
    assertEquals(List.of(), shorter.warningLines());
  }

  @Test
  void sizesAreReadWithTheirUnit() {
    assertEquals(500_000_000L, Sizes.parse("500MB"));
    assertEquals(1_500_000_000L, Sizes.parse("1.5 GB"));
    assertEquals(512L << 20, Sizes.parse("512MiB"));
    assertEquals("2GB", Sizes.format(2_000_000_000L));
  }
}
