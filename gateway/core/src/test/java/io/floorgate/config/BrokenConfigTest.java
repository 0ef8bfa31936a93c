package io.floorgate.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BrokenConfigTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      bad-yaml-syntax               | 20 | ''                                                   | column 43: YAML syntax: mapping values are not allowed here
      tab-indentation               |  4 | ''                                                   | column 1: a tab character; YAML indents with spaces only
      unquoted-percent              | 19 | ''                                                   | a value cannot start with '%' unless it is quoted; write it in quotes, e.g. "%"
      unknown-key                   | 14 | connections.rhk01.groups.zones                       | unknown key 'publishInterval'; did you mean 'publishingInterval'?
      wrong-type                    | 15 | connections.rhk01.groups.zones.queueSize             | 'ten' is not a whole number; write a number such as 10
      interval-below-minimum        | 14 | connections.rhk01.groups.zones.publishingInterval    | 5ms is below the minimum of 10ms; use 10ms or more
      duration-without-unit         | 13 | connections.rhk01.groups.zones.samplingInterval      | 250 has no unit; write 250ms or 250s
      missing-env-var               |  6 | mqtt.url                                             | environment variable FLOORGATE_TEST_UNSET_BROKER is not set; set it
      missing-key                   |  8 | connections.rhk01.endpoint                           | is missing; add endpoint: opc.tcp://<host>:4840
      duplicate-path                | 20 | connections.rhk01.groups.zones.tags.rhk01/zone01/temperature.path | 'rhk01/zone01/temperature' is already the path of the tag at line 17 in area calcination
      duplicate-connection          | 30 | connections.rhk01.name                               | 'rhk01' is already the name of the connection at line 8
      bad-unit                      | 19 | connections.rhk01.groups.zones.tags.rhk01/zone01/temperature.unit | unknown unit 'degrees'
      incompatible-units            | 28 | connections.rhk01.groups.utilities.tags.mx01/bearing/temperature.sourceUnit | °F (a temperature) cannot be converted to Pa (a pressure)
      bad-node-id                   | 21 | connections.rhk01.groups.zones.tags.rhk01/zone02/temperature.node | 'RHK01.Zone02.TempPV' is not an OPC UA node id; write ns=<index>;s=<name>
      bad-path-level                | 20 | connections.rhk01.groups.zones.tags[1].path          | level 'Zone02' may only contain lowercase letters (of any script), digits, '-' and '_'; write 'rhk01/zone02/temperature'
      qos-two                       |  7 | mqtt.qos                                             | QoS 2 is not used for telemetry; use 1 (at least once) or 0 (at most once)
      bad-endpoint                  |  9 | connections.rhk01.endpoint                           | 'http://127.0.0.1:4841/rhk01' is not an endpoint of an installed driver (modbus (modbus+tcp://), opcua (opc.tcp://)); write e.g. opc.tcp://
      unknown-driver                |  9 | connections.rhk01.driver                             | no driver 's7' is installed; installed: modbus (modbus+tcp://), opcua (opc.tcp://)
      bad-broker-url                |  6 | mqtt.url                                             | write tcp://127.0.0.1:1883
      scale-without-span            | 33 | connections.rhk01.groups.utilities.tags.rhk01/cooling-water/flow.scale.rawHigh | equals rawLow (0), so no value can be scaled
      enum-key-not-integer          | 32 | connections.rhk01.groups.utilities.tags.mx01/state.enum.charging | 'charging' is not an integer code; write the PLC's number first, e.g. 0: idle
      poll-interval-in-subscription | 16 | connections.rhk01.groups.zones.pollInterval          | applies to polling groups only and this group is a subscription; remove it, or set mode: polling
      retry-max-below-initial       | 11 | connections.rhk01.retry.max                          | 5s is below initial 10s; make max at least 10s
      """)
  void eachMistakeIsReportedAloneAtItsLineWithTheFix(
      String file, int line, String path, String message) {
    ConfigException e = assertThrows(ConfigException.class, () -> load(file));

    assertEquals(1, e.errors().size(), e::report);
    ConfigError error = e.errors().get(0);
    assertAll(
        () -> assertTrue(error.source().endsWith(file + ".yaml"), error.source()),
        () -> assertEquals(line, error.line(), error::format),
        () -> assertEquals(path, error.path(), error::format),
        () -> assertTrue(error.message().contains(message), error::format));
  }

  @Test
  void severalMistakesAreAllReportedInOneReportInFileOrder() throws Exception {
    ConfigException e = assertThrows(ConfigException.class, () -> load("several-mistakes"));

    List<String> lines = e.report().lines().toList();
    String source = e.source();
    assertEquals(List.of(
        source + ": 6 errors",
        source + ":7: mqtt.qos: QoS 2 is not used for telemetry; use 1 (at least once) or 0 (at most once)",
        source + ":11: connections.rhk01: unknown key 'aera'; did you mean 'area'?",
        source + ":15: connections.rhk01.groups.zones.publishingInterval: 5ms is below the minimum of 10ms; use 10ms or more",
        source + ":19: connections.rhk01.groups.zones.tags.rhk01/zone01/temperature.unit: unknown unit 'degC2': use an SI symbol such as Pa, kPa, A, V, m/s, or one of °C, °F, K, %, l/min, m³/h, Nm³/h, rpm, mm/min, mm/s, bar",
        source + ":20: connections.rhk01.groups.zones.tags.rhk01/zone01/temperature.path: 'rhk01/zone01/temperature' is already the path of the tag at line 17; give every tag its own path",
        source + ":24: connections.rhk01.groups.zones.tags.rhk01/zone03/temperature.node: environment variable PLC_NS is not set; set it in the gateway's environment (e.g. export PLC_NS=… or Environment=PLC_NS=… in the systemd unit) or give a default: ${PLC_NS:-value}"),
        lines);
  }

  private static GatewayConfig load(String name) throws ConfigException {
    URL url = Objects.requireNonNull(
        BrokenConfigTest.class.getResource("/config/broken/" + name + ".yaml"), name);
    try {
      return ConfigLoader.load(Path.of(url.toURI()), Map.of());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
