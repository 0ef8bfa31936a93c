package io.floorgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.driver.AcquisitionMode;
import io.floorgate.driver.Deadband;
import io.floorgate.reading.TimestampSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

  private static final String MINIMAL = """
      namespace: { enterprise: jxnmm, site: isohara }
      mqtt:
        url: tcp://127.0.0.1:1883
      connections:
        - name: rhk01
          endpoint: opc.tcp://127.0.0.1:4841/rhk01
          area: calcination
          groups:
            - name: zones
              tags:
                - path: rhk01/zone01/temperature
                  node: ns=2;s=RHK01.Zone01.TempPV
      """;

  @Test
  void omittedSettingsTakeTheDocumentedDefaults() throws ConfigException {
    GatewayConfig config = ConfigLoader.parse(MINIMAL, "minimal.yaml", Map.of());

    assertEquals(new Namespace("jxnmm", "isohara", ""), config.namespace());
    assertEquals(new MqttConfig("tcp://127.0.0.1:1883", "floorgate-isohara", 1, 100,
        Duration.ofSeconds(10)), config.mqtt());
    assertEquals(BufferConfig.in(Path.of("data/buffer")), config.buffer());
    ConnectionConfig connection = config.connections().get(0);
    assertEquals(new TimestampPolicy(TimestampSource.SOURCE,
        Instant.parse("2020-01-01T00:00:00Z"), Duration.ofMinutes(5)), connection.timestamps());
    assertEquals(Duration.ofSeconds(1), connection.retryInitial());
    assertEquals(Duration.ofMinutes(5), connection.retryMax());
    GroupConfig group = connection.groups().get(0);
    assertEquals(new GroupConfig("zones", AcquisitionMode.SUBSCRIPTION, Duration.ofMillis(500),
        Duration.ofSeconds(1), 10, null, Duration.ofSeconds(1), group.tags()), group);
    assertEquals(new TagConfig("rhk01/zone01/temperature", "ns=2;s=RHK01.Zone01.TempPV", null,
        null, null, null, Map.of(), null, null), group.tags().get(0));
  }

  @Test
  void everySettingIsReadIntoTheRecords() throws ConfigException {
    String yaml = """
        namespace: { enterprise: jxnmm, site: isohara, topicPrefix: test-1/run }
        mqtt:
          url: ssl://broker:8883
          clientId: edge-7
          qos: 0
          maxInFlight: 20
          connectTimeout: 30s
          username: gw
          password: broker-pw-7f3a
        buffer:
          directory: /var/lib/floorgate/queue
          maxBytes: 500MB
          maxAge: 2h
          whenFull: drop-newest
          replayRate: 5000
        connections:
          - name: mx01
            endpoint: opc.tcp://plc:4842/mx01
            area: mixing
            timestamps: { preferred: server, notBefore: 2023-06-01, maxFuture: 30s }
            retry: { initial: 500ms, max: 1m }
            groups:
              - name: drive
                mode: subscription
                samplingInterval: 100ms
                publishingInterval: 250ms
                queueSize: 20
                deadband: { type: percent, value: 2 }
                tags:
                  - path: mx01/state
                    node: ns=2;s=MX01.State
                    description: Mixer state
                    enum: { 0: idle, 1: charging, 4: fault }
              - name: slow
                mode: polling
                pollInterval: 5s
                tags:
                  - path: mx01/bearing/temperature
                    node: ns=2;s=MX01.BearingTemp_degF
                    sourceUnit: °F
                    unit: °C
                    range: { low: 0, high: 150 }
                    deadband: { type: percent, value: 1 }
                  - path: mx01/cooling/flow
                    node: ns=2;s=MX01.Flow_raw
                    unit: l/min
                    scale: { rawLow: 0, rawHigh: 27648, low: 0, high: 400, clamp: true }
        """;

    GatewayConfig config = ConfigLoader.parse(yaml, "full.yaml", Map.of());

    assertEquals(new Namespace("jxnmm", "isohara", "test-1/run"), config.namespace());
    assertEquals(new MqttConfig(List.of("ssl://broker:8883"), "edge-7", 0, 20,
        Duration.ofSeconds(30), "gw", "broker-pw-7f3a", null), config.mqtt());
    assertEquals(new BufferConfig(Path.of("/var/lib/floorgate/queue"), 500_000_000L,
        Duration.ofHours(2), BufferConfig.WhenFull.DROP_NEWEST, 5000), config.buffer());
    ConnectionConfig mx01 = config.connections().get(0);
    assertEquals(new TimestampPolicy(TimestampSource.SERVER, Instant.parse("2023-06-01T00:00:00Z"),
        Duration.ofSeconds(30)), mx01.timestamps());
    assertEquals(List.of(Duration.ofMillis(500), Duration.ofMinutes(1)),
        List.of(mx01.retryInitial(), mx01.retryMax()));
    GroupConfig drive = mx01.groups().get(0);
    assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(250), 20),
        List.of(drive.samplingInterval(), drive.publishingInterval(), drive.queueSize()));
    assertEquals(new Deadband(Deadband.Kind.PERCENT, 2), drive.deadband());
    assertEquals(Map.of(0L, "idle", 1L, "charging", 4L, "fault"), drive.tags().get(0).enumMap());
    GroupConfig slow = mx01.groups().get(1);
    assertEquals(AcquisitionMode.POLLING, slow.mode());
    assertEquals(Duration.ofSeconds(5), slow.pollInterval());
    TagConfig bearing = slow.tags().get(0);
    assertEquals(List.of("°F", "°C"), List.of(bearing.sourceUnit(), bearing.unit()));
    assertEquals(new Range(0, 150), bearing.range());
    assertEquals(new Deadband(Deadband.Kind.PERCENT, 1), bearing.deadband());
    assertEquals(new Scaling(0, 27648, 0, 400, true), slow.tags().get(1).scaling());
  }

  @Test
  void retryMaxFollowsALongInitialDelay() throws ConfigException {
    String yaml = MINIMAL.replace("    area: calcination\n",
        "    area: calcination\n    retry: { initial: 10m }\n");

    ConnectionConfig connection = ConfigLoader.parse(yaml, "t.yaml", Map.of()).connections().get(0);

    assertEquals(Duration.ofMinutes(10), connection.retryMax());
  }

  @ParameterizedTest(name = "{0} with {1}")
  @CsvSource(delimiter = '|', textBlock = """
      ${BROKER}                              | BROKER=tcp://a:1883 | tcp://a:1883
      ${BROKER:-tcp://b:1883}                | BROKER=tcp://a:1883 | tcp://a:1883
      ${BROKER:-tcp://b:1883}                | ''                  | tcp://b:1883
      ${BROKER:-tcp://b:1883}                | BROKER=             | tcp://b:1883
      tcp://${HOST}:${PORT:-1883}            | HOST=h              | tcp://h:1883
      tcp://${HOST}:${PORT:-1883}            | HOST=h,PORT=8883    | tcp://h:8883
      """)
  void environmentVariablesAreSubstitutedInValues(String url, String env, String expected)
      throws ConfigException {
    String yaml = MINIMAL.replace("tcp://127.0.0.1:1883", url);

    GatewayConfig config = ConfigLoader.parse(yaml, "t.yaml", envOf(env));

    assertEquals(expected, config.mqtt().url());
  }

  @Test
  void numbersAndDurationsMayComeFromTheEnvironment() throws ConfigException {
    String yaml = MINIMAL.replace("  url: tcp://127.0.0.1:1883\n",
        "  url: tcp://127.0.0.1:1883\n  qos: ${QOS:-1}\n  connectTimeout: ${TIMEOUT}\n");

    MqttConfig mqtt = ConfigLoader.parse(yaml, "t.yaml", Map.of("QOS", "0", "TIMEOUT", "3s")).mqtt();

    assertEquals(0, mqtt.qos());
    assertEquals(Duration.ofSeconds(3), mqtt.connectTimeout());
  }

  @Test
  void aDoubledDollarWritesALiteralReference() throws ConfigException {
    String yaml = MINIMAL.replace("  url: tcp://127.0.0.1:1883\n",
        "  url: tcp://127.0.0.1:1883\n  username: gw\n  password: pa$${ss}\n");

    assertEquals("pa${ss}", ConfigLoader.parse(yaml, "t.yaml", Map.of("ss", "no")).mqtt().password());
  }

  @Test
  void aMissingVariableIsReportedAtEachLineThatUsesIt() {
    String yaml = MINIMAL.replace("tcp://127.0.0.1:1883", "${BROKER}")
        .replace("opc.tcp://127.0.0.1:4841/rhk01", "opc.tcp://${PLC_HOST}:4841/rhk01");

    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse(yaml, "t.yaml", Map.of()));

    assertEquals(List.of(3, 6), e.errors().stream().map(ConfigError::line).toList());
    assertTrue(e.errors().get(0).message().startsWith("environment variable BROKER is not set"));
    assertTrue(e.errors().get(1).message().startsWith("environment variable PLC_HOST is not set"));
  }

  @Test
  void anUnquotedReferenceInsideBracesGetsAQuotingHint() {
    String yaml = MINIMAL.replace("  url: tcp://127.0.0.1:1883\n", "  { url: ${BROKER} }\n")
        .replace("mqtt:\n", "mqtt:");

    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse(yaml, "t.yaml", Map.of("BROKER", "tcp://a:1883")));

    assertTrue(e.errors().get(0).message().contains("inside { } or [ ], quote a value that holds "
        + "${...}, e.g. '${BROKER}'"), e::report);
  }

  @Test
  void aMissingFileIsOneErrorNamingIt() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Path.of("no/such/config.yaml"), Map.of()));

    assertEquals("no/such/config.yaml: 1 error\nno/such/config.yaml: no such file; check the path "
        + "given with --config", e.report());
  }

  @Test
  void anEmptyFileSaysWhatItNeeds() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse("# nothing yet\n", "empty.yaml", Map.of()));

    assertEquals("empty.yaml: is empty; it needs namespace, mqtt and connections (see "
        + "config/isohara.yaml)", e.errors().get(0).format());
  }

  @Test
  void aPasswordNeverAppearsInToString() throws ConfigException {
    String yaml = MINIMAL.replace("  url: tcp://127.0.0.1:1883\n",
        "  url: tcp://127.0.0.1:1883\n  username: gw\n  password: ${PW}\n");

    MqttConfig mqtt = ConfigLoader.parse(yaml, "t.yaml", Map.of("PW", "hunter2")).mqtt();

    assertEquals("hunter2", mqtt.password());
    assertFalse(mqtt.toString().contains("hunter2"), mqtt::toString);
  }

  @Test
  void aDeadbandOnAGroupMayOmitItsType() throws ConfigException {
    String yaml = MINIMAL.replace("      - name: zones\n",
        "      - name: zones\n        deadband: { value: 0.5 }\n");

    GroupConfig group = ConfigLoader.parse(yaml, "t.yaml", Map.of()).connections().get(0)
        .groups().get(0);

    assertEquals(new Deadband(Deadband.Kind.ABSOLUTE, 0.5), group.deadband());
    assertNull(group.tags().get(0).deadband());
  }

  private static Map<String, String> envOf(String pairs) {
    if (pairs.isEmpty()) {
      return Map.of();
    }
    Map<String, String> env = new HashMap<>();
    for (String pair : pairs.split(",")) {
      String[] kv = pair.split("=", 2);
      env.put(kv[0], kv[1]);
    }
    return env;
  }
}
