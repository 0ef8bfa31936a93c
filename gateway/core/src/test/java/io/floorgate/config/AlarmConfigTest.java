package io.floorgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code alarms:} and {@code api:} sections: defaults, and errors with their lines. */
class AlarmConfigTest {

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
                - { path: k/temp, node: ns=2;s=T, unit: °C }
                - { path: k/sp, node: ns=2;s=SP, unit: °C }
                - { path: k/running, node: ns=2;s=R }
      """;

  static GatewayConfig parse(String more) throws ConfigException {
    return ConfigLoader.parse(PLANT + more, "test.yaml", Map.of("TOKEN", "9f86d081884c7d659a2feaa0c55ad015"));
  }

  static List<String> errors(String more) {
    ConfigException e = assertThrows(ConfigException.class, () -> parse(more));
    return e.errors().stream().map(ConfigError::format).toList();
  }

  @Test
  void ruleDefaultsAndTheAlarmClientId() throws Exception {
    GatewayConfig config = parse("""
        alarms:
          rules:
            - { tag: calcination/k/temp, type: hi, limit: 800 }
        """);
    AlarmRuleConfig rule = config.alarms().rules().get(0);
    assertEquals(AlarmKind.HI, rule.kind());
    assertEquals("hi", rule.name());
    assertEquals(AlarmPriority.MEDIUM, rule.priority());
    assertEquals(Duration.ZERO, rule.onDelay());
    assertEquals(0.0, rule.deadband());
    assertTrue(rule.inService());
    assertEquals("calcination/k/temp above 800", rule.message());
    assertEquals("gw-alarms", config.alarms().clientId());
    assertNull(config.alarms().stateFile());
    assertEquals(Duration.ofHours(8), config.alarms().maxShelve());
    assertNull(config.api());
  }

  @Test
  void everySettingOfARuleIsRead() throws Exception {
    GatewayConfig config = parse("""
        alarms:
          stateFile: /var/lib/floorgate/alarms.json
          rules:
            - tag: calcination/k/temp
              type: deviation
              name: off-setpoint
              against: calcination/k/sp
              limit: 15
              deadband: 2
              onDelay: 1m
              offDelay: 30s
              priority: urgent
              message: Zone off setpoint
              suppressWhen: { tag: calcination/k/running, equals: false }
              inService: false
        api: { port: 0, token: '${TOKEN}' }
        """);
    AlarmRuleConfig rule = config.alarms().rules().get(0);
    assertEquals(new AlarmRuleConfig("calcination/k/temp", AlarmKind.DEVIATION, "off-setpoint",
        15.0, 2.0, Duration.ofMinutes(1), Duration.ofSeconds(30), AlarmPriority.URGENT,
        "Zone off setpoint", "calcination/k/sp", null,
        new AlarmRuleConfig.Suppression("calcination/k/running", "false"), false), rule);
    assertEquals(Path.of("/var/lib/floorgate/alarms.json"), config.alarms().stateFile());
    assertEquals(new ApiConfig("127.0.0.1", 0, "9f86d081884c7d659a2feaa0c55ad015", 1 << 20), config.api());
  }

  @Test
  void mistakesInRulesAreReportedWithTheirLines() {
    List<String> errors = errors("""
        alarms:
          rules:
            - { tag: calcination/k/tmp, type: hi, limit: 800 }
            - { tag: calcination/k/temp, type: high, limit: 800 }
            - { tag: calcination/k/temp, type: lo }
            - { tag: calcination/k/temp, type: bad-quality, limit: 3 }
            - { tag: calcination/k/temp, type: hi, limit: 800, onDelay: 5 }
            - { tag: calcination/k/temp, type: hi, limit: 900 }
            - { tag: calcination/k/temp, type: deviation, limit: 9, against: calcination/x }
        """);
    assertEquals(List.of(
        "test.yaml:15: alarms.rules[0].tag: no tag 'calcination/k/tmp' is configured; write the "
            + "area and the tag's path, e.g. 'calcination/k/temp'",
        "test.yaml:16: alarms.rules[1].type: 'high' is not one of bad-quality, count, "
            + "deviation, disagreement, discrete, frozen, hi, hihi, lo, lolo, rate, runHours, "
            + "stale, trend; did you mean 'hi'?",
        "test.yaml:17: alarms.rules[2].limit: is missing; add limit: <number>",
        "test.yaml:18: alarms.rules[3].limit: a bad-quality alarm has no limit; remove it",
        "test.yaml:19: alarms.rules[4].onDelay: 5 has no unit; write 5ms or 5s (units: ms, s, "
            + "m, h, d)",
        "test.yaml:20: alarms.rules[5].type: tag calcination/k/temp already has an alarm named "
            + "'hi' (line 19); give this one a name: of its own",
        "test.yaml:21: alarms.rules[6].against: no tag 'calcination/x' is configured; write the "
            + "area and the tag's path, e.g. calcination/rhk01/zone05/temperature"), errors);
  }

  @Test
  void conditionsNameConnectionsAndMayStandWithoutRules() throws Exception {
    assertEquals(List.of("kiln"), parse("alarms: { conditions: [ kiln ] }\n").alarms()
        .conditions());
    assertEquals(List.of("test.yaml:13: alarms.conditions: no connection is named 'klin'; list "
        + "the names of connections whose PLC alarms to read, e.g. [rhk01]"),
        errors("alarms: { conditions: [ klin ] }\n"));
  }

  @Test
  void isoharaAlarmSetCoversKilnAndMixers() throws Exception {
    GatewayConfig config = ConfigLoader.load(Path.of("..", "..", "config", "isohara.yaml"), Map.of());
    List<AlarmRuleConfig> rules = config.alarms().rules();
    for (int z = 1; z <= 12; z++) {
      String zone = String.format("calcination/rhk01/zone%02d/", z);
      assertTrue(rules.stream().anyMatch(r -> r.tag().equals(zone + "temperature")
          && r.kind() == AlarmKind.HIHI), zone);
      assertTrue(rules.stream().anyMatch(r -> r.tag().equals(zone + "tc-a")
          && r.kind() == AlarmKind.DEVIATION && (zone + "tc-b").equals(r.against())), zone);
      assertTrue(rules.stream().anyMatch(r -> r.tag().equals(zone + "tc-a")
          && r.kind() == AlarmKind.BAD_QUALITY), zone);
    }
    AlarmRuleConfig o2 = rules.stream().filter(r -> r.tag().endsWith("atmosphere/o2")
        && r.kind() == AlarmKind.LO).findFirst().orElseThrow();
    assertEquals("calcination/rhk01/running", o2.suppressWhen().tag());
    AlarmRuleConfig current = rules.stream().filter(r -> r.tag().equals(
        "mixing/mx01/motor/current") && r.kind() == AlarmKind.HI).findFirst().orElseThrow();
    assertTrue(current.onDelay().compareTo(Duration.ofSeconds(3)) >= 0, "inrush on-delay");
    assertEquals(List.of("rhk01"), config.alarms().conditions());
  }

  @Test
  void shortTokenAndUnknownApiKeyAreErrors() {
    List<String> errors = errors("""
        api:
          token: short
          prot: 8080
        """);
    assertEquals(2, errors.size(), errors::toString);
    assertTrue(errors.get(0).contains("api.token: is shorter than 16 characters"), errors::toString);
    assertTrue(errors.get(1).contains("unknown key 'prot'; did you mean 'port'?"), errors::toString);
  }

  @Test
  void emptyTokenLeavesTheApiReadOnly() throws Exception {
    assertNull(parse("api: { token: '' }\n").api().token());
  }
}
