package io.floorgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Counters without {@code alarms.stateFile} would start from zero on every restart: a warning. */
class MaintenanceStateFileWarningTest {

  static List<String> warnings(String alarms) throws ConfigException {
    return ConfigLoader.read(MaintenanceRuleConfigTest.PLANT + alarms, "test.yaml", Map.of(),
        ConfigLoader.NO_BASES).warningLines();
  }

  @Test
  void countersWithoutStateFileWarnOnceWithTheFix() throws Exception {
    List<String> warnings = warnings("""
        alarms:
          rules:
            - { tag: calcination/k/running, type: runHours, interval: 2000 }
            - { tag: calcination/k/starts, type: count, interval: 5000 }
        """);
    assertEquals(1, warnings.size(), warnings::toString);
    assertTrue(warnings.get(0).startsWith("test.yaml:18: alarms.rules: warning: 2 maintenance counter(s)"),
        warnings::toString);
    assertTrue(warnings.get(0).contains("set alarms.stateFile"), warnings::toString);
  }

  @Test
  void countersWithStateFileDoNotWarn() throws Exception {
    assertEquals(List.of(), warnings("""
        alarms:
          stateFile: /var/lib/floorgate/alarms.json
          rules:
            - { tag: calcination/k/running, type: runHours, interval: 2000 }
        """));
  }
}
