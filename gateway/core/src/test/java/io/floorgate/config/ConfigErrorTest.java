package io.floorgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigErrorTest {

  @Test
  void formatReadsLikeACompilerMessage() {
    ConfigError error = new ConfigError("config/broken.yaml", 14,
        "connections.rhk01.groups.zones.publishingInterval",
        "5ms is below the minimum of 10ms; use 10ms or more");

    assertEquals("config/broken.yaml:14: connections.rhk01.groups.zones.publishingInterval: "
        + "5ms is below the minimum of 10ms; use 10ms or more", error.format());
  }

  @Test
  void formatLeavesOutAnUnknownLineAndAnEmptyPath() {
    assertEquals("a.yaml: no such file",
        new ConfigError("a.yaml", 0, "", "no such file").format());
  }

  @Test
  void reportCountsTheErrorsAndListsOnePerLine() {
    ConfigException one = new ConfigException("a.yaml",
        List.of(new ConfigError("a.yaml", 3, "mqtt.qos", "use 0 or 1")));
    ConfigException two = new ConfigException("a.yaml", List.of(
        new ConfigError("a.yaml", 3, "mqtt.qos", "use 0 or 1"),
        new ConfigError("a.yaml", 9, "connections.rhk01.area", "is missing")));

    assertEquals("a.yaml: 1 error\na.yaml:3: mqtt.qos: use 0 or 1", one.report());
    assertEquals("a.yaml: 2 errors\na.yaml:3: mqtt.qos: use 0 or 1\n"
        + "a.yaml:9: connections.rhk01.area: is missing", two.report());
  }
}
