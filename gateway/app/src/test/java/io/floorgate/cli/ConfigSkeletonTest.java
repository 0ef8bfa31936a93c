package io.floorgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.config.ConfigLoader;
import io.floorgate.config.GatewayConfig;
import io.floorgate.config.TagConfig;
import io.floorgate.config.UnitSymbols;
import io.floorgate.driver.SecuritySpec;
import io.floorgate.driver.opcua.BrowsedNode;
import io.floorgate.driver.opcua.UneceUnits;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What browse writes passes the gateway's own config loader, and keeps the server's meaning. */
class ConfigSkeletonTest {

  static final String NS = "nsu=urn:floorgate:vendor:process;";

  static BrowsedNode analog(String id, String name, String unit, String unitText) {
    return new BrowsedNode(List.of("Kiln", name), NS + id, NS + "i=1000", true, "Double", false,
        unit, unitText, 0.0, 100.0, null, Map.of());
  }

  static BrowsedNode states(String id, String name, String type, Map<Long, String> states) {
    return new BrowsedNode(List.of("Kiln", name), NS + id, NS + "i=1000", true, type, false,
        null, null, null, null, null, states);
  }

  @Test
  void theConfigKeepsUnitsStatesAndNamesAndLoads() throws Exception {
    var skeleton = new ConfigSkeleton("opc.tcp://127.0.0.1:4840", "vendor", "browsed",
        "enterprise", "site", SecuritySpec.none(), false);
    skeleton.add(new BrowsedNode(List.of("Kiln"), NS + "i=1000", "i=85", false, null, false,
        null, null, null, null, null, Map.of()));
    skeleton.add(analog("i=1001", "炉温", "°C", "°C"));
    skeleton.add(analog("s=Kiln.Speed", "Speed", "rpm", "r/min"));
    skeleton.add(analog("s=Kiln.Level", "Level", "Skt", "Skt"));
    skeleton.add(states("s=Kiln.State", "State", "UInt32",
        Map.of(0L, "Idle", 1L, "Heating", 2L, "Soaking")));
    skeleton.add(states("s=Kiln.Door", "Door", "Boolean", Map.of(0L, "Closed", 1L, "Open")));

    String yaml = skeleton.yaml("a test");
    GatewayConfig config = ConfigLoader.parse(yaml, "browse", Map.of());

    Map<String, TagConfig> tags = config.connections().get(0).groups().get(0).tags().stream()
        .collect(Collectors.toMap(TagConfig::path, t -> t));
    assertEquals("°C", tags.get("kiln/炉温").unit());
    assertEquals(NS + "i=1001", tags.get("kiln/炉温").node());
    assertEquals("rpm", tags.get("kiln/speed").unit());
    assertEquals(null, tags.get("kiln/level").unit());
    assertTrue(yaml.contains("    # the server's unit 'Skt' is not a symbol floorgate knows"),
        yaml);
    assertEquals(Map.of(0L, "Idle", 1L, "Heating", 2L, "Soaking"),
        tags.get("kiln/state").enumMap());
    assertEquals(Map.of(0L, "Closed", 1L, "Open"), tags.get("kiln/door").enumMap());
  }

  @Test
  void everyUneceSymbolIsOneTheConfigAccepts() {
    UneceUnits.symbolsByCode().forEach((code, symbol) -> {
      try {
        UnitSymbols.parse(symbol);
      } catch (IllegalArgumentException e) {
        throw new AssertionError(code + " -> " + symbol + ": " + e.getMessage());
      }
    });
  }
}
