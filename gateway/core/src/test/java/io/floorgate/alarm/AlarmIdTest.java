package io.floorgate.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floorgate.config.GatewayConfig;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Alarm ids: one string per alarm, the string of earlier versions wherever it was unambiguous. */
class AlarmIdTest {

  static Stream<Arguments> forms() {
    return Stream.of(
        form(AlarmId.rule("calcination", List.of("rhk01", "zone05", "temperature", "hi")),
            "calcination.rhk01.zone05.temperature.hi"),
        form(AlarmId.rule("calcination", List.of("hi")), "calcination.hi"),
        form(AlarmId.condition("calcination", "rhk01", "overtemperature"),
            "calcination.rhk01.conditions.overtemperature"),
        form(AlarmId.rule("calcination", List.of("rhk01", "conditions", "hi")),
            "calcination.rhk01.~conditions.hi"),
        form(AlarmId.rule("calcination", List.of("k", "conditions", "o2", "hi")),
            "calcination.k.conditions.o2.hi"),
        form(AlarmId.rule("calcination", List.of("conditions", "hi")), "calcination.conditions.hi"),
        form(AlarmId.rule("calcination", List.of("rhk01", "~conditions", "hi")),
            "calcination.rhk01.~~conditions.hi"),
        form(AlarmId.rule("a", List.of("b.c", "hi")), "a.b~.c.hi"),
        form(AlarmId.rule("a.b", List.of("c", "hi")), "a~.b.c.hi"),
        form(AlarmId.rule("a", List.of("..", "~", "hi")), "a.~.~..~~.hi"),
        form(AlarmId.condition("a", "plc.1", "x"), "a.plc~.1.conditions.x"),
        form(AlarmId.rule("Area-2", List.of("Tag_1", "hi")), "Area-2.Tag_1.hi"));
  }

  static Arguments form(AlarmId id, String text) {
    return Arguments.of(text, id);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void stringFormIsAsDocumentedAndParsesBack(String text, AlarmId id) {
    assertEquals(text, id.toString());
    assertEquals(id, AlarmId.parse(id.toString()));
  }

  @Test
  void tagPathsDifferingOnlyWhereDotAndSlashSitGiveDifferentIdsAndTopics() {
    // Tag a.b/c and tag a/b.c: the config allows no '.' in a level, so built directly.
    AlarmId first = AlarmId.rule("area", List.of("a.b", "c", "hi"));
    AlarmId second = AlarmId.rule("area", List.of("a", "b.c", "hi"));
    AlarmTopics topics = new AlarmTopics(plant().namespace());

    assertNotEquals(first.toString(), second.toString());
    assertNotEquals(topics.state(first), topics.state(second));
    assertNotEquals(topics.events(first), topics.events(second));
    assertEquals("jxnmm/isohara/area/_alarms/state/a~.b/c/hi", topics.state(first));
  }

  @Test
  void ruleWithAConditionsLevelHasAnotherIdAndTopicThanThePlcCondition() {
    AlarmId rule = AlarmId.rule("calcination", List.of("kiln", "conditions", "overtemperature"));
    AlarmId condition = AlarmId.condition("calcination", "kiln", "overtemperature");
    AlarmTopics topics = new AlarmTopics(plant().namespace());

    assertNotEquals(rule.toString(), condition.toString());
    assertEquals("jxnmm/isohara/calcination/_alarms/state/kiln/conditions/overtemperature",
        topics.state(condition));
    assertEquals("jxnmm/isohara/calcination/_alarms/state/kiln/~conditions/overtemperature",
        topics.state(rule));
  }

  @Test
  void idsMadeFromTheConfigAreWrittenAsBefore() {
    List<String> ids = AlarmRule.of(plant()).stream().map(r -> r.id().toString()).toList();

    assertEquals(List.of("calcination.k.temp.hi", "calcination.k.conditions.o2.lo",
        "mixing.m.state.fault", "calcination.kiln.communication", "mixing.mixer.communication"),
        ids);
    assertEquals("calcination.kiln.conditions.overtemperature",
        ConditionRules.id("calcination", AlarmFixtures.condition("OverTemperature", true, false,
            java.time.Instant.EPOCH)).toString());
  }

  @Test
  void topicOfAnIdFromTheConfigIsAsBefore() {
    AlarmTopics topics = new AlarmTopics(plant().namespace());

    assertEquals("jxnmm/isohara/calcination/_alarms/events/k/temp/hi",
        topics.events("calcination.k.temp.hi"));
    assertEquals("jxnmm/isohara/calcination/_alarms/state/kiln/conditions/overtemperature",
        topics.state("calcination.kiln.conditions.overtemperature"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "calcination", "calcination..hi", ".calcination.hi",
      "calcination.hi.", "calcination.k/temp.hi", "calcination.k temp.hi", "calcination.hi~",
      "calcination.~hi", "calcination.kiln.~conditions.x.hi", "calcination.kiln.co~nditions.x",
      "calcination.k+.hi", "calcination.k#.hi"})
  void parseRefusesWhatTheGatewayDoesNotWrite(String text) {
    assertThrows(IllegalArgumentException.class, () -> AlarmId.parse(text));
  }

  @Test
  void aRuleOnATagNamedInAnotherScriptHasAnIdThatParsesBack() {
    AlarmId id = AlarmId.rule("calcination", List.of("炉", "炉温", "hi"));

    assertEquals("calcination.炉.炉温.hi", id.toString());
    assertEquals(id, AlarmId.parse(id.toString()));
  }

  @Test
  void conditionMustHaveConnectionConditionsName() {
    assertThrows(IllegalArgumentException.class,
        () -> new AlarmId(AlarmId.Origin.CONDITION, "calcination", List.of("kiln", "x")));
  }

  static GatewayConfig plant() {
    try {
      return AlarmFixtures.config("""
              - { tag: calcination/k/temp, type: hi, limit: 100 }
              - { tag: calcination/k/conditions/o2, type: lo, limit: 2 }
              - { tag: mixing/m/state, type: discrete, equals: fault, name: fault }
          """, "");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
