package io.floorgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.driver.ConnectionSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * A Modbus connection as the engineer writes it: the gateway reads the common keys, the Modbus
 * driver (a plug-in on the class path) its own, and every mistake comes back with its line.
 */
class ModbusConfigTest {

  static String config(String modbusSection, String tag) {
    return """
        namespace: { enterprise: jxnmm, site: isohara }
        mqtt: { url: tcp://127.0.0.1:1883 }
        connections:
          - name: o2a01
            endpoint: modbus+tcp://127.0.0.1:5020
            area: calcination
        %s
            groups:
              - name: analyzer
                mode: polling
                pollInterval: 1s
                tags:
                  - %s
        """.formatted(modbusSection.indent(4).stripTrailing(), tag);
  }

  static GatewayConfig load(String modbusSection, String tag) throws ConfigException {
    return ConfigLoader.parse(config(modbusSection, tag), "test.yaml", Map.of());
  }

  @Test
  void aModbusTagIsAddressedByTheDriversKeysAndKeptAsItsCanonicalText() throws Exception {
    GatewayConfig config = load("modbus: { unitId: 3, maxGap: 0, timeout: 500ms }",
        "{ path: rhk01/o2-analyzer/o2, address: 40001, dataType: float32, order: cdab, "
            + "unit: ppm }");

    ConnectionConfig connection = config.connections().get(0);
    TagConfig tag = connection.groups().get(0).tags().get(0);
    assertEquals("hr:0 float32 CDAB", tag.node());
    assertNotEquals(ConnectionSpec.NO_SETTINGS, connection.settings());
    assertTrue(connection.settings().toString().contains("unitId=3"), connection.settings()
        .toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      bare address         | ''                               | { path: a/b, address: '100' }                                  | connections.o2a01.groups.analyzer.tags.a/b.address | Modicon notation
      unknown data type    | ''                               | { path: a/b, address: 'hr:0', dataType: real }               | connections.o2a01.groups.analyzer.tags.a/b.dataType | real
      unknown order        | ''                               | { path: a/b, address: 'hr:0', dataType: float32, order: XYZW } | connections.o2a01.groups.analyzer.tags.a/b.order | XYZW
      an OPC UA node       | ''                               | { path: a/b, node: 'ns=2;s=X' }                                | connections.o2a01.groups.analyzer.tags.a/b | unknown key 'node'
      written input        | ''                               | { path: a/b, address: 'ir:0', writable: true, type: int16, range: { low: 0, high: 10 } } | connections.o2a01.groups.analyzer.tags.a/b.address | cannot write
      registers per read   | 'modbus: { maxRegistersPerRead: 200 }' | { path: a/b, address: 'hr:0' }                           | connections.o2a01.modbus.maxRegistersPerRead | 200
      OPC UA security      | 'security: { policy: None }'     | { path: a/b, address: 'hr:0' }                                 | connections.o2a01 | unknown key 'security'
      """)
  void aMistakeInAModbusConnectionIsReportedWithItsKey(String what, String section, String tag,
      String path, String message) {
    ConfigException e = assertThrows(ConfigException.class, () -> load(section, tag));

    List<ConfigError> errors = e.errors();
    assertTrue(errors.stream().anyMatch(err -> err.path().equals(path)
        && err.message().contains(message)), e::report);
    assertTrue(errors.stream().allMatch(err -> err.line() > 0), e::report);
  }
}
