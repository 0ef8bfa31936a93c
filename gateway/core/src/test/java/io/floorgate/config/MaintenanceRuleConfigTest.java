package io.floorgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The maintenance rule kinds in {@code alarms.rules}: their keys, defaults and errors. */
class MaintenanceRuleConfigTest {

  static final String PLANT = """
      namespace: { enterprise: jxnmm, site: isohara }
      mqtt: { url: tcp://127.0.0.1:1883, clientId: gw }
      connections:
        - name: kiln
          endpoint: opc.tcp://127.0.0.1:4841/kiln
          area: calcination
          groups:
            - name: all
              tags:
                - { path: k/tc_a, node: ns=2;s=A, unit: °C }
                - { path: k/tc_b, node: ns=2;s=B, unit: °C }
                - { path: k/current, node: ns=2;s=I, unit: A }
                - { path: k/running, node: ns=2;s=R }
                - { path: k/starts, node: ns=2;s=S }
                - { path: k/mode, node: ns=2;s=M, enum: { 0: stopped, 1: running } }
      """;

  static GatewayConfig parse(String more) throws ConfigException {
    return ConfigLoader.parse(PLANT + more, "test.yaml", Map.of());
  }

  static List<String> errors(String more) {
    try {
      parse(more);
      throw new AssertionError("the config was accepted");
    } catch (ConfigException e) {
      return e.errors().stream().map(ConfigError::format).toList();
    }
  }

  @Test
  void maintenanceKindsAreReadWithTheirSettingsAndDefaultToTheMaintenanceClass() throws Exception {
    List<AlarmRuleConfig> rules = parse("""
        alarms:
          rules:
            - { tag: calcination/k/tc_a, type: disagreement, against: calcination/k/tc_b, limit: 5, for: 10m }
            - { tag: calcination/k/tc_a, type: frozen, for: 30m, tolerance: 0.05, while: { tag: calcination/k/running, equals: true } }
            - { tag: calcination/k/current, type: trend, limit: 38, window: 7d, horizon: 14d }
            - { tag: calcination/k/tc_b, type: stale, for: 30s }
            - { tag: calcination/k/running, type: runHours, interval: 2000 }
            - { tag: calcination/k/starts, type: count, interval: 5000, priority: low }
            - { tag: calcination/k/tc_b, type: hi, limit: 900, class: maintenance }
        """).alarms().rules();
    assertTrue(rules.subList(0, 6).stream()
        .allMatch(r -> r.alarmClass() == AlarmClass.MAINTENANCE));
    assertEquals(AlarmClass.MAINTENANCE, rules.get(6).alarmClass());
    assertEquals(Duration.ofMinutes(10), rules.get(0).holdFor());
    assertEquals(0.05, rules.get(1).tolerance());
    assertEquals(new AlarmRuleConfig.Suppression("calcination/k/running", "true"),
        rules.get(1).guard());
    assertEquals(new AlarmRuleConfig.Trend(Duration.ofDays(7), Duration.ofDays(14), true),
        rules.get(2).trend());
    assertEquals("run-hours", rules.get(4).name());
    assertEquals(2000.0, rules.get(4).interval());
    assertEquals(AlarmKind.COUNT, rules.get(5).kind());
    assertEquals("calcination/k/running reached its service interval of 2000 running hours",
        rules.get(4).message());
  }

  @Test
  void processRulesStayProcessAlarms() throws Exception {
    AlarmRuleConfig rule = parse("""
        alarms:
          rules:
            - { tag: calcination/k/tc_a, type: hi, limit: 900 }
        """).alarms().rules().get(0);
    assertEquals(AlarmClass.PROCESS, rule.alarmClass());
    assertFalse(rule.kind().needsHoldFor());
  }

  @Test
  void missingOrMisplacedSettingsAreReportedWithTheirLines() {
    assertEquals(List.of(
        "test.yaml:18: alarms.rules[0].for: is missing; add for: how long the condition must "
            + "hold, e.g. for: 10m",
        "test.yaml:19: alarms.rules[1].window: is missing; add window: how far back the slope is "
            + "fitted, e.g. window: 7d",
        "test.yaml:20: alarms.rules[2].interval: is missing; add interval: <number>",
        "test.yaml:21: alarms.rules[3].window: only trend alarms have 'window'; a hi alarm does "
            + "not: remove it",
        "test.yaml:22: alarms.rules[4].class: 'repair' is not one of maintenance, process",
        "test.yaml:23: alarms.rules[5].direction: 'up' is not one of falling, rising"),
        errors("""
        alarms:
          rules:
            - { tag: calcination/k/tc_a, type: stale }
            - { tag: calcination/k/current, type: trend, limit: 38, horizon: 1d }
            - { tag: calcination/k/running, type: runHours }
            - { tag: calcination/k/tc_a, type: hi, limit: 1, window: 1d }
            - { tag: calcination/k/tc_a, type: hi, name: hi2, limit: 1, class: repair }
            - { tag: calcination/k/current, type: trend, name: t2, limit: 38, window: 1d, horizon: 1d, direction: up }
        """).stream().map(e -> e.replaceAll("; did you mean.*", "")).toList());
  }

  @Test
  void aTrendOrDisagreementOnATagWithoutNumbersIsRefused() {
    assertEquals(List.of(
        "test.yaml:18: alarms.rules[0].tag: tag calcination/k/mode does not carry numbers "
            + "(boolean, text or enum states); a trend alarm needs a numeric tag",
        "test.yaml:19: alarms.rules[1].against: tag calcination/k/mode does not carry numbers "
            + "(boolean, text or enum states); a disagreement alarm needs a numeric tag"),
        errors("""
        alarms:
          rules:
            - { tag: calcination/k/mode, type: trend, limit: 1, window: 1h, horizon: 1d }
            - { tag: calcination/k/tc_a, type: disagreement, against: calcination/k/mode, limit: 1, for: 1m }
        """));
  }
}
