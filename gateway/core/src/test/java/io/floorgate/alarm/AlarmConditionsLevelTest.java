package io.floorgate.alarm;

import static io.floorgate.alarm.AlarmFixtures.condition;
import static io.floorgate.alarm.AlarmFixtures.reading;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.floorgate.config.AlarmKind;
import io.floorgate.config.GatewayConfig;
import io.floorgate.reading.Quality;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A rule whose tag has a level named {@code conditions} is a rule: it does not share an id with a
 * PLC condition, and a reload treats it as the config says, not as a condition.
 */
@Timeout(30)
class AlarmConditionsLevelTest {

  /** Before typed ids, the rule below and connection kiln's condition both had this id. */
  static final String CONDITION = "calcination.kiln.conditions.overtemperature";
  static final String RULE = "calcination.kiln.~conditions.overtemperature";
  static final String DEEP_RULE = "calcination.k.conditions.o2.lo";

  static final String RULES = """
          - { tag: calcination/kiln/conditions, type: hi, limit: 5, name: overtemperature }
          - { tag: calcination/k/conditions/o2, type: lo, limit: 2 }
      """;
  static final String OTHER_RULES = "    - { tag: calcination/k/temp, type: hi, limit: 100 }\n";

  final List<AlarmEvent> events = new CopyOnWriteArrayList<>();
  final AlarmEngine engine;

  AlarmConditionsLevelTest() throws Exception {
    engine = new AlarmEngine(AlarmFixtures.config(RULES, AlarmFixtures.NO_COMMUNICATION),
        Clock.systemUTC(), 100);
    engine.addListener(events::add);
    engine.start();
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  /** Trips both rules and the PLC condition, and acknowledges the rule under kiln/conditions. */
  void raiseAll() throws Exception {
    engine.offer(reading("calcination/kiln/conditions", 7.0, Quality.GOOD, Instant.now()));
    engine.offer(reading("calcination/k/conditions/o2", 1.0, Quality.GOOD, Instant.now()));
    engine.offerCondition(condition("OverTemperature", true, false, Instant.now()));
    await().atMost(Duration.ofSeconds(10)).until(() -> events.size() == 3);
    engine.acknowledge(RULE, "tanaka", null).get(10, TimeUnit.SECONDS);
  }

  @Test
  void ruleAndPlcConditionOfOnceTheSameIdAreTwoAlarms() throws Exception {
    raiseAll();

    assertEquals(AlarmKind.HI, engine.alarm(RULE).type());
    assertEquals(AlarmState.ACKED, engine.alarm(RULE).state());
    assertEquals(AlarmKind.CONDITION, engine.alarm(CONDITION).type());
    assertEquals(AlarmState.UNACKED, engine.alarm(CONDITION).state());
    assertEquals(List.of(RULE, DEEP_RULE, CONDITION),
        engine.alarms().stream().map(Alarm::id).toList());
  }

  @Test
  void rulesUnderAConditionsLevelKeepTheirStateAcrossAReloadAsRules() throws Exception {
    raiseAll();

    engine.reload(AlarmFixtures.config(RULES, AlarmFixtures.NO_COMMUNICATION))
        .get(10, TimeUnit.SECONDS);

    assertEquals(AlarmKind.HI, engine.alarm(RULE).type());
    assertEquals(AlarmState.ACKED, engine.alarm(RULE).state());
    assertEquals(AlarmKind.LO, engine.alarm(DEEP_RULE).type());
    assertEquals(AlarmState.UNACKED, engine.alarm(DEEP_RULE).state());
    assertEquals(AlarmState.UNACKED, engine.alarm(CONDITION).state());
  }

  @Test
  void reloadWithoutTheRulesForgetsThemAndKeepsThePlcCondition() throws Exception {
    raiseAll();

    GatewayConfig without = AlarmFixtures.config(OTHER_RULES, AlarmFixtures.NO_COMMUNICATION);
    engine.reload(without).get(10, TimeUnit.SECONDS);

    assertNull(engine.alarm(RULE));
    assertNull(engine.alarm(DEEP_RULE));
    assertEquals(List.of(CONDITION, "calcination.k.temp.hi"),
        engine.alarms().stream().map(Alarm::id).toList());
    assertEquals(AlarmKind.CONDITION, engine.alarm(CONDITION).type());
  }
}
