package io.floorgate.config;

import static io.floorgate.config.AlarmConfigTest.errors;
import static io.floorgate.config.AlarmConfigTest.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code alarms.communication} and a rule's {@code suppressedBy:}: defaults, and every wrong
 * reference reported with its line and the nearest name. The plant's lines: {@code alarms:} is
 * line 13.
 */
class SuppressionConfigTest {

  @Test
  void communicationAlarmsAreOnByDefaultWithHighPriorityAndTenSeconds() throws Exception {
    CommunicationConfig c = parse("""
        alarms:
          rules:
            - { tag: calcination/k/temp, type: bad-quality }
        """).alarms().communication();

    assertEquals(new CommunicationConfig(true, AlarmPriority.HIGH, Duration.ofSeconds(10)), c);
  }

  @Test
  void communicationSettingsAreRead() throws Exception {
    CommunicationConfig c = parse("""
        alarms:
          communication: { enabled: false, priority: urgent, onDelay: 30s }
          rules:
            - { tag: calcination/k/temp, type: bad-quality }
        """).alarms().communication();

    assertFalse(c.enabled());
    assertEquals(AlarmPriority.URGENT, c.priority());
    assertEquals(Duration.ofSeconds(30), c.onDelay());
  }

  @Test
  void communicationOnDelayBeyondAnHourAndUnknownKeysAreErrorsWithLines() {
    List<String> errors = errors("""
        alarms:
          communication:
            onDelay: 2h
            priorty: high
          rules:
            - { tag: calcination/k/temp, type: bad-quality }
        """);

    assertEquals(2, errors.size(), errors::toString);
    assertEquals("test.yaml:15: alarms.communication.onDelay", errors.get(0).substring(0,
        errors.get(0).indexOf(':', "test.yaml:15: ".length())), errors::toString);
    assertEquals(true, errors.get(1).startsWith("test.yaml:16: alarms.communication")
        && errors.get(1).contains("did you mean 'priority'?"), errors::toString);
  }

  @Test
  void suppressedByTakesOneReferenceOrAList() throws Exception {
    List<AlarmRuleConfig> rules = parse("""
        alarms:
          rules:
            - { tag: calcination/k/temp, type: hi, limit: 800, suppressedBy: calcination/k/running }
            - tag: calcination/k/sp
              type: lo
              limit: 100
              suppressedBy: [ calcination.k.temp.hi, calcination.kiln.communication ]
        """).alarms().rules();

    assertEquals(List.of("calcination/k/running"), rules.get(0).suppressedBy());
    assertEquals(List.of("calcination.k.temp.hi", "calcination.kiln.communication"),
        rules.get(1).suppressedBy());
  }

  @Test
  void suppressedByMayNameARuleFurtherDown() throws Exception {
    List<AlarmRuleConfig> rules = parse("""
        alarms:
          rules:
            - { tag: calcination/k/temp, type: hi, limit: 800,
                suppressedBy: calcination.k.running.standby }
            - { tag: calcination/k/running, type: discrete, equals: false, name: standby }
        """).alarms().rules();

    assertEquals(List.of("calcination.k.running.standby"), rules.get(0).suppressedBy());
  }

  @Test
  void unknownTagInSuppressedByIsAnErrorWithItsLineAndTheNearestTag() {
    List<String> errors = errors("""
        alarms:
          rules:
            - tag: calcination/k/temp
              type: hi
              limit: 800
              suppressedBy:
                - calcination/k/runing
        """);

    assertEquals(List.of("test.yaml:19: alarms.rules[0].suppressedBy[0]: no tag "
        + "'calcination/k/runing' is configured; write the area and the tag's path, e.g. "
        + "'calcination/k/running', or an alarm id with dots"), errors);
  }

  @Test
  void unknownAlarmInSuppressedByIsAnErrorWithItsLineAndTheNearestId() {
    List<String> errors = errors("""
        alarms:
          rules:
            - { tag: calcination/k/running, type: discrete, equals: false, name: standby }
            - { tag: calcination/k/temp, type: hi, limit: 800,
                suppressedBy: calcination.k.running.stanby }
        """);

    assertEquals(List.of("test.yaml:17: alarms.rules[1].suppressedBy: no alarm has the id "
        + "'calcination.k.running.stanby'; name a rule's id (area.tag.path.name) or a "
        + "connection's communication alarm (area.connection.communication), e.g. "
        + "'calcination.k.running.standby'"), errors);
  }

  @Test
  void communicationAlarmThatIsOffCannotSuppress() {
    List<String> errors = errors("""
        alarms:
          communication: { enabled: false }
          rules:
            - { tag: calcination/k/temp, type: bad-quality,
                suppressedBy: calcination.kiln.communication }
        """);

    assertEquals(1, errors.size(), errors::toString);
    assertEquals(true, errors.get(0).startsWith("test.yaml:17: alarms.rules[0].suppressedBy: "
        + "no alarm has the id 'calcination.kiln.communication'")
        && errors.get(0).endsWith("communication alarms are off (alarms.communication.enabled: "
        + "false)"), errors::toString);
  }

  @Test
  void ruleWithTheIdOfACommunicationAlarmIsRefused() {
    List<String> errors = errors("""
        connections:
          - name: k
            endpoint: opc.tcp://127.0.0.1:4842/k
            area: mixing
            groups: [ { name: all, tags: [ { path: k, node: ns=2;s=K } ] } ]
        alarms:
          rules:
            - { tag: mixing/k, type: bad-quality, name: communication }
        """.replace("connections:\n", ""));

    assertEquals(List.of("test.yaml:19: alarms.rules: the alarm mixing.k.communication is "
        + "connection k's communication alarm; give this rule another name:"), errors);
  }

  @Test
  void anAlarmCannotSuppressItself() {
    List<String> errors = errors("""
        alarms:
          rules:
            - { tag: calcination/k/temp, type: hi, limit: 800, suppressedBy: calcination.k.temp.hi }
        """);

    assertEquals(List.of("test.yaml:15: alarms.rules[0].suppressedBy: the alarm "
        + "calcination.k.temp.hi cannot suppress itself; name another alarm or a tag"), errors);
  }
}
