package io.floorgate.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code sparkplug:} and {@code uns:} sections and writable tags, through the loader. */
class SparkplugConfigTest {

  static final String BASE = """
      namespace: { enterprise: jxnmm, site: isohara }
      mqtt: { url: 'tcp://broker:1883', clientId: edge-1, username: gw, password: gw-pass-5k2,
        allowPlainText: true }
      %SECTIONS%
      connections:
        - name: rhk01
          endpoint: opc.tcp://127.0.0.1:4841/rhk01
          area: calcination
          groups:
            - name: zones
              tags:
                - path: rhk01/zone03/setpoint
                  node: ns=2;s=RHK01.Zone03.TempSP
      %TAG%
      """;

  static GatewayConfig parse(String sections, String tagLines) throws ConfigException {
    return ConfigLoader.parse(yaml(sections, tagLines), "test.yaml", Map.of());
  }

  static String yaml(String sections, String tagLines) {
    return BASE.replace("%SECTIONS%", sections.replace("~", "\n"))
        .replace("%TAG%", tagLines.isEmpty() ? "" : "            "
            + tagLines.replace("~", "\n            "));
  }

  @Test
  void withoutTheSectionTheNodeIsOffAndUnsOn() throws ConfigException {
    GatewayConfig config = parse("", "");

    assertFalse(config.sparkplug().enabled());
    assertTrue(config.uns().enabled());
  }

  @Test
  void anEnabledNodeTakesItsDefaultsFromTheNamespaceAndMqtt() throws ConfigException {
    SparkplugConfig sp = parse("sparkplug: { enabled: true }", "").sparkplug();

    assertAll(
        () -> assertEquals("isohara", sp.groupId()),
        () -> assertEquals("floorgate", sp.edgeNodeId()),
        () -> assertEquals(List.of("tcp://broker:1883"), sp.brokers()),
        () -> assertEquals("edge-1-sparkplug", sp.clientId()),
        () -> assertEquals("gw", sp.username()),
        () -> assertEquals("gw-pass-5k2", sp.password()),
        () -> assertNull(sp.primaryHostId()),
        () -> assertTrue(sp.aliases()),
        () -> assertEquals(65_536, sp.maxDataBytes()),
        () -> assertEquals(Duration.ofSeconds(30), sp.keepAlive()));
    assertFalse(sp.toString().contains("gw-pass-5k2"), sp::toString);
  }

  @Test
  void everyKeyIsRead() throws ConfigException {
    SparkplugConfig sp = parse("""
        uns: { enabled: false }
        sparkplug:
          enabled: true
          groupId: Isohara Works
          edgeNodeId: gw-7
          brokers: [ 'tcp://a:1883', 'ssl://b:8883' ]
          clientId: gw-7-sp
          primaryHostId: scada
          aliases: false
          maxDataBytes: 4096
          keepAlive: 10s
          connectTimeout: 5s
          queueCapacity: 500""", "").sparkplug();

    assertEquals(new SparkplugConfig(true, "Isohara Works", "gw-7",
        List.of("tcp://a:1883", "ssl://b:8883"), "gw-7-sp", "gw", "gw-pass-5k2", null, "scada", false, 4096,
        Duration.ofSeconds(10), Duration.ofSeconds(5), 500), sp);
  }

  @Test
  void writeLimitsDefaultToAHundredAndAreReadEachOnItsOwn() throws ConfigException {
    assertEquals(new WriteLimits(100, 100),
        parse("sparkplug: { enabled: true }", "").sparkplug().writes());
    assertEquals(new WriteLimits(100, 20), parse(
        "sparkplug: { enabled: true, writes: { maxPerSecond: 20 } }", "").sparkplug().writes());
    assertEquals(new WriteLimits(5, 100), parse(
        "sparkplug: { enabled: true, writes: { maxPerMessage: 5 } }", "").sparkplug().writes());
  }

  @Test
  void aWritableTagHasItsTypeAndRange() throws ConfigException {
    TagConfig tag = parse("", "range: { low: 0, high: 1100 }~writable: true~type: double")
        .connections().get(0).groups().get(0).tags().get(0);

    assertTrue(tag.writable());
    assertEquals(ValueType.DOUBLE, tag.type());
  }

  /** Where the test plant's one tag is: {@code tag.} in the table below. */
  static final String TAG = "connections.rhk01.groups.zones.tags.rhk01/zone03/setpoint.";

  @ParameterizedTest(name = "{2}: {3}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      "sparkplug: { enabled: true, groupId: 'a/b' }"               | ""                   | sparkplug.groupId      | contains '/'               | groupId
      "sparkplug: { enabled: true, edgeNodeId: 'gw#1' }"           | ""                   | sparkplug.edgeNodeId   | contains '#'               | edgeNodeId
      "sparkplug: { enabled: true, brokers: [ 'mqtt://a:1883' ] }" | ""                   | sparkplug.brokers[0]   | write tcp://a:1883         | brokers
      "sparkplug: { enabled: true, maxDataBytes: 100 }"            | ""                   | sparkplug.maxDataBytes | below the minimum of 1024  | maxDataBytes
      "sparkplug: { enabled: true, clientId: edge-1 }"             | ""                   | sparkplug.clientId     | also mqtt.clientId         | clientId
      "sparkplug: { enabled: true, primaryHost: scada }"           | ""                   | sparkplug              | did you mean 'primaryHostId'? | sparkplug
      "uns: { enabled: false }"                                    | ""                   | uns                    | nothing would be published | uns
      "sparkplug:~  enabled: true~  writes:~    maxPerMessage: 0"    | ""                   | sparkplug.writes.maxPerMessage | below the minimum of 1 | maxPerMessage
      "sparkplug:~  enabled: true~  writes:~    maxPerSecond: 20000" | ""                   | sparkplug.writes.maxPerSecond | above the maximum of 10000 | maxPerSecond
      "sparkplug: { enabled: true, writes: { perSecond: 5 } }"     | ""                   | sparkplug.writes       | perSecond                  | writes
      "" | writable: true                                          | tag.type     | a writable tag needs the PLC variable's data type | - path
      "" | writable: true~type: double                             | tag.writable | a writable number needs range                     | writable
      "" | type: double                                            | tag.type     | it is not writable                                | type
      "" | writable: true~type: real                               | tag.type     | is not one of                                     | type
      "" | writable: true~type: int16~range: { low: 0, high: 40000 } | tag.range  | does not fit int16                                | range
      "" | writable: true~type: boolean~enum: { 0: off, 1: on }    | tag.enum     | written as published                              | enum
      """)
  void eachMistakeIsReportedAtItsLine(String sections, String tagLines, String path,
      String message, String lineOfKey) {
    String yaml = yaml(sections, tagLines);
    path = path.startsWith("tag.") ? TAG + path.substring("tag.".length()) : path;
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.parse(yaml, "test.yaml", Map.of()));

    assertEquals(1, e.errors().size(), e::report);
    ConfigError error = e.errors().get(0);
    int expectedLine = lineOf(yaml, path.substring(0, (path + ".").indexOf('.')), lineOfKey);
    String expectedPath = path;
    assertAll(
        () -> assertEquals(expectedPath, error.path(), error::format),
        () -> assertTrue(error.message().contains(message), error::format),
        () -> assertEquals(expectedLine, error.line(), error::format));
  }

  /** The 1-based line where {@code key} first appears as a key in the top-level section. */
  static int lineOf(String yaml, String section, String key) {
    String[] lines = yaml.split("\n");
    int from = 0;
    while (from < lines.length && !lines[from].startsWith(section + ":")) {
      from++;
    }
    for (int i = from; i < lines.length; i++) {
      String t = lines[i].strip();
      if (t.startsWith(key + ":") || t.contains(" " + key + ":") || t.contains("{ " + key + ":")
          || key.startsWith("-") && t.startsWith(key)) {
        return i + 1;
      }
    }
    return -1;
  }
}
