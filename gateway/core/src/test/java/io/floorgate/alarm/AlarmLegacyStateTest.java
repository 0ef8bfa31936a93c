package io.floorgate.alarm;

import static io.floorgate.alarm.AlarmFixtures.condition;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.floorgate.config.AlarmKind;
import io.floorgate.config.GatewayConfig;
import io.floorgate.testkit.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * State files written before alarm ids were typed load as they are. Both files are what that code
 * wrote (run against this plant; only the times moved to before the test clock's 07:00).
 */
@Timeout(30)
class AlarmLegacyStateTest {

  /** A rule alarm raised and acknowledged, and a PLC condition of connection kiln shelved. */
  static final String RULE_AND_CONDITION = """
      [{"id":"calcination.k.temp.hi","path":"jxnmm/isohara/calcination/k/temp/hi",\
      "tag":"jxnmm/isohara/calcination/k/temp","connection":"kiln","type":"HI",\
      "priority":"MEDIUM","severity":500,"message":"calcination/k/temp above 100","limit":100.0,\
      "unit":"°C","state":"ACKED","active":true,"acked":true,"value":120.0,"quality":"GOOD",\
      "raisedAt":"2026-11-26T06:52:10.412999337Z","clearedAt":null,\
      "sourceTime":"2026-11-26T06:52:10.411573596Z","gatewayTime":"2026-11-26T06:52:10.411573596Z",\
      "ackedBy":"tanaka","ackedAt":"2026-11-26T06:53:02.118946874Z","comment":"burner checked",\
      "shelvedUntil":null,"shelvedBy":null,"lastEventId":"c7b6e9a2b4a7-2"},\
      {"id":"calcination.kiln.conditions.overtemperature",\
      "path":"jxnmm/isohara/calcination/kiln/conditions/overtemperature",\
      "tag":"jxnmm/isohara/calcination/kiln","connection":"kiln","type":"CONDITION",\
      "priority":"HIGH","severity":750,"message":"Kiln shell over temperature","limit":null,\
      "unit":null,"state":"SHELVED","active":true,"acked":true,"value":null,"quality":null,\
      "raisedAt":"2026-11-26T06:55:41.105074336Z","clearedAt":null,\
      "sourceTime":"2026-11-26T06:55:40Z","gatewayTime":"2026-11-26T06:55:41.099397511Z",\
      "ackedBy":null,"ackedAt":null,"comment":"known",\
      "shelvedUntil":"2026-11-26T08:55:41.211640124Z","shelvedBy":"suzuki",\
      "lastEventId":"c7b6e9a2b4a7-4"}]""";

  /**
   * A rule on tag calcination/kiln/conditions named overtemperature, acknowledged: that code gave
   * it the id PLC conditions have.
   */
  static final String RULE_WITH_A_CONDITION_ID = """
      [{"id":"calcination.kiln.conditions.overtemperature",\
      "path":"jxnmm/isohara/calcination/kiln/conditions/overtemperature",\
      "tag":"jxnmm/isohara/calcination/kiln/conditions","connection":"kiln","type":"HI",\
      "priority":"MEDIUM","severity":500,"message":"calcination/kiln/conditions above 5",\
      "limit":5.0,"unit":null,"state":"ACKED","active":true,"acked":true,"value":7.0,\
      "quality":"GOOD","raisedAt":"2026-11-26T06:36:26.070269055Z","clearedAt":null,\
      "sourceTime":"2026-11-26T06:36:26.068769703Z","gatewayTime":"2026-11-26T06:36:26.068769703Z",\
      "ackedBy":"tanaka","ackedAt":"2026-11-26T06:36:26.205703211Z","comment":null,\
      "shelvedUntil":null,"shelvedBy":null,"lastEventId":"ee65e3f5cf7f-2"}]""";

  static final String CONDITION = "calcination.kiln.conditions.overtemperature";

  @TempDir
  Path dir;

  final MutableClock clock = AlarmFixtures.clock();
  final List<AlarmEvent> events = new CopyOnWriteArrayList<>();

  AlarmEngine start(String stateFile, String rules) throws Exception {
    Path file = dir.resolve("floorgate-alarms.json");
    Files.writeString(file, stateFile);
    GatewayConfig config = AlarmFixtures.config(rules, "  stateFile: " + file + "\n"
        + AlarmFixtures.NO_COMMUNICATION);
    AlarmEngine engine = new AlarmEngine(config, clock, 100);
    engine.addListener(events::add);
    engine.start();
    return engine;
  }

  AlarmEngine startWithRuleAndCondition() throws Exception {
    return start(RULE_AND_CONDITION, "    - { tag: calcination/k/temp, type: hi, limit: 100 }\n");
  }

  @Test
  void ruleAlarmIsRestored() throws Exception {
    try (AlarmEngine engine = startWithRuleAndCondition()) {
      Alarm rule = engine.alarm("calcination.k.temp.hi");
      assertEquals(AlarmState.ACKED, rule.state());
      assertEquals("tanaka", rule.ackedBy());
      assertEquals("burner checked", rule.comment());
      assertEquals(120.0, rule.value());
    }
  }

  @Test
  void plcConditionIsRestoredAsACondition() throws Exception {
    try (AlarmEngine engine = startWithRuleAndCondition()) {
      // Restored as active: the PLC's "gone" is a CLEAR, and the shelve holds.
      engine.offerCondition(condition("OverTemperature", false, true, clock.instant()));
      await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());

      assertEquals(Transition.CLEAR, events.get(0).transition());
      Alarm restored = events.get(0).alarm();
      assertEquals(CONDITION, restored.id());
      assertEquals(AlarmId.condition("calcination", "kiln", "overtemperature"),
          restored.alarmId());
      assertEquals(AlarmKind.CONDITION, restored.type());
      assertEquals(AlarmState.SHELVED, restored.state());
      assertEquals("suzuki", restored.shelvedBy());
      assertEquals(Instant.parse("2026-11-26T06:55:41.105074336Z"), restored.raisedAt());
    }
  }

  @Test
  void stateIsWrittenBackWithTheSameIdsAndFields() throws Exception {
    try (AlarmEngine engine = startWithRuleAndCondition()) {
      engine.offerCondition(condition("OverTemperature", false, true, clock.instant()));
      await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
    }

    JsonNode before = AlarmJson.MAPPER.readTree(RULE_AND_CONDITION);
    JsonNode after = AlarmJson.MAPPER.readTree(dir.resolve("floorgate-alarms.json").toFile());
    // Written back with the fields it had, and the class it was read as (classes came later).
    assertEquals(fields(before), fields(after).stream().filter(f -> !f.equals("class")).toList());
    for (JsonNode alarm : after) {
      assertEquals("PROCESS", alarm.path("class").asText(), alarm.toString());
    }
  }

  @Test
  void ruleSavedWithAConditionsIdIsRestoredOntoTheRuleNotAPlcCondition() throws Exception {
    try (AlarmEngine engine = start(RULE_WITH_A_CONDITION_ID, """
            - { tag: calcination/kiln/conditions, type: hi, limit: 5, name: overtemperature }
        """)) {
      Alarm rule = engine.alarm("calcination.kiln.~conditions.overtemperature");
      assertEquals(AlarmState.ACKED, rule.state());
      assertEquals("tanaka", rule.ackedBy());

      // The PLC's own overtemperature has no saved state: it is raised as new.
      engine.offerCondition(condition("OverTemperature", true, false, clock.instant()));
      await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
      assertEquals(Transition.RAISE, events.get(0).transition());
      assertEquals(CONDITION, events.get(0).alarm().id());
    }
  }

  @Test
  void restoredPlcConditionThatThePlcClearsStaysCleared() throws Exception {
    Path file = dir.resolve("floorgate-alarms.json");
    Files.writeString(file, RULE_AND_CONDITION);
    AlarmBook book = new AlarmBook(List.of(), clock, new AlarmStore(file).load(), events::add,
        "jxnmm/isohara");

    book.onCondition(condition("OverTemperature", false, true, clock.instant()), "calcination");
    for (int tick = 0; tick < 10; tick++) {
      clock.advance(Duration.ofSeconds(1));
      book.tick();
    }

    assertEquals(List.of(Transition.CLEAR), events.stream().map(AlarmEvent::transition).toList());
    assertEquals(AlarmState.SHELVED, book.get(CONDITION).state());
    assertFalse(book.get(CONDITION).active());
  }

  /** Each saved alarm's id and field names, in order. */
  static List<String> fields(JsonNode alarms) {
    List<String> fields = new ArrayList<>();
    for (JsonNode alarm : alarms) {
      fields.add(alarm.get("id").asText());
      alarm.fieldNames().forEachRemaining(fields::add);
    }
    return fields;
  }
}
