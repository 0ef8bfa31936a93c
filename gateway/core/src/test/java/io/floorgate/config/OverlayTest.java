package io.floorgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A variant of a plant written as its differences ({@code extends:}), never a drifting copy. */
class OverlayTest {

  static final String PLANT = """
      namespace: { enterprise: jxnmm, site: isohara }
      mqtt: { url: tcp://127.0.0.1:1883, clientId: plant }
      connections:
        - name: rhk01
          endpoint: opc.tcp://10.20.1.15:4840/rhk01
          area: calcination
          security: { policy: Basic256Sha256, mode: Sign, identity: anonymous }
          groups:
            - name: zones
              tags:
                - { path: rhk01/zone01/temperature, node: "ns=2;s=Z1", unit: °C }
        - name: mx01
          endpoint: opc.tcp://10.20.1.16:4840/mx01
          area: mixing
          groups:
            - name: drive
              tags:
                - { path: mx01/current, node: "ns=2;s=I", unit: A }
      alarms:
        stateFile: /var/lib/floorgate/alarms.json
        rules:
          - { tag: mixing/mx01/current, type: hi, limit: 95 }
      """;

  @TempDir Path dir;

  GatewayConfig load(String overlay) throws Exception {
    Files.writeString(dir.resolve("plant.yaml"), PLANT);
    Path variant = dir.resolve("bench.yaml");
    Files.writeString(variant, overlay);
    return ConfigLoader.load(variant, Map.of());
  }

  @Test
  void aVariantChangesWhatItNamesAndKeepsTheRestOfThePlant() throws Exception {
    GatewayConfig bench = load("""
        extends: plant.yaml
        mqtt: { url: tcp://127.0.0.1:51883 }
        connections:
          - name: mx01
            endpoint: opc.tcp://127.0.0.1:4842/mx01
          - name: mx02
            endpoint: opc.tcp://127.0.0.1:4843/mx02
            area: mixing
            groups:
              - name: drive
                tags:
                  - { path: mx02/current, node: "ns=2;s=I", unit: A }
        """);

    assertEquals("tcp://127.0.0.1:51883", bench.mqtt().url());
    assertEquals("plant", bench.mqtt().clientId(), "keys it does not name stay the plant's");
    assertEquals(List.of("rhk01", "mx01", "mx02"),
        bench.connections().stream().map(ConnectionConfig::name).toList());
    assertEquals("opc.tcp://127.0.0.1:4842/mx01", bench.connections().get(1).endpoint());
    assertEquals("mx01/current", bench.connections().get(1).groups().get(0).tags().get(0).path());
    assertEquals("/var/lib/floorgate/alarms.json", bench.alarms().stateFile().toString());
  }

  @Test
  void anEmptyValueRemovesTheKeySoItsDefaultApplies() throws Exception {
    GatewayConfig bench = load("""
        extends: plant.yaml
        connections:
          - name: rhk01
            security: ~
        alarms:
          stateFile: ~
        """);

    assertEquals(io.floorgate.driver.SecuritySpec.none(), bench.connections().get(0).security());
    assertNull(bench.alarms().stateFile());
  }

  @Test
  void eachMistakeNamesTheFileAndLineItComesFrom() {
    ConfigException e = assertThrows(ConfigException.class, () -> load("""
        extends: plant.yaml
        connections:
          - name: mx01
            area: Mixing
        """));

    // The variant's own mistake at its line; the plant's alarm rule, which now names no tag,
    // follows from it and is counted there.
    assertTrue(e.report().contains("bench.yaml:4: connections.mx01.area"), e::report);
    assertTrue(e.report().endsWith("because of it, 1 reference to a tag of this connection in "
        + "alarm rules could not be checked (not listed)"), e::report);
    assertEquals(1, e.errors().size(), e::report);
  }

  @Test
  void aVariantOfAMissingFileSaysWhichFile() {
    ConfigException e = assertThrows(ConfigException.class, () -> load("""
        extends: nowhere.yaml
        """));

    assertTrue(e.report().contains("extends nowhere.yaml, which does not exist"), e::report);
  }
}
