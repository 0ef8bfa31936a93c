package io.floorgate.alarm;

import static io.floorgate.alarm.AlarmFixtures.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.output.StatusSection;
import io.floorgate.reading.Quality;
import io.floorgate.testkit.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The alarm system's health figures, from alarms raised by a real {@link AlarmBook} on a clock the
 * test moves: a HI alarm on the kiln temperature that the test makes chatter, and a LO alarm on
 * the setpoint.
 */
class AlarmHealthTest {

  static final String HI = "calcination.k.temp.hi";
  static final String LO = "calcination.k.temp-b.lo";

  /** 07:00:00 exactly: a 10-minute period starts here. */
  final MutableClock clock = AlarmFixtures.clock();
  AlarmBook book;
  AlarmHealth health;

  @BeforeEach
  void plant() throws Exception {
    health = new AlarmHealth(clock, () -> book.all());
    book = new AlarmBook(AlarmRule.of(AlarmFixtures.config("""
            - { tag: calcination/k/temp, type: hi, limit: 100 }
            - { tag: calcination/k/temp-b, type: lo, limit: 10 }
        """, AlarmFixtures.NO_COMMUNICATION)), clock, Map.of(), health::transition);
  }

  /** Raises and clears the HI alarm {@code times} times, {@code every} apart. */
  void chatter(int times, Duration every) {
    for (int i = 0; i < times; i++) {
      book.onReading(reading("calcination/k/temp", 120.0, Quality.GOOD, clock.instant()));
      book.onReading(reading("calcination/k/temp", 90.0, Quality.GOOD, clock.instant()));
      clock.advance(every);
    }
  }

  void lo() {
    book.onReading(reading("calcination/k/temp-b", 5.0, Quality.GOOD, clock.instant()));
  }

  @Test
  void elevenAlarmsInTenMinutesAreAFloodPeriod() {
    chatter(11, Duration.ofSeconds(30));

    assertEquals(11, health.lastPeriod());
    assertTrue(health.flooding());
    assertEquals(1, health.floodPeriods());
  }

  @Test
  void tenAlarmsInTenMinutesAreNoFlood() {
    chatter(10, Duration.ofSeconds(30));

    assertEquals(10, health.lastPeriod());
    assertFalse(health.flooding());
    assertEquals(0, health.floodPeriods());
  }

  @Test
  void floodEndsWhenTheRaisesAreOlderThanTenMinutesAndThePeriodStaysCounted() {
    chatter(11, Duration.ofSeconds(30));

    clock.advance(Duration.ofMinutes(10));

    assertEquals(0, health.lastPeriod());
    assertFalse(health.flooding());
    assertEquals(1, health.floodPeriods());
    assertEquals(11, health.raised());
  }

  @Test
  void floodPeriodsAreFixedTenMinutePeriods() {
    clock.advance(Duration.ofMinutes(7));
    // Six in 07:07–07:10, six in 07:10–07:13: a flood in the last 10 minutes, in no one period.
    chatter(12, Duration.ofSeconds(30));

    assertTrue(health.flooding());
    assertEquals(0, health.floodPeriods());
  }

  @Test
  void anAlarmRaisedWhileShelvedIsNotCounted() {
    book.shelve(LO, "tanaka", Duration.ofHours(1), "sensor work");
    lo();

    assertEquals(0, health.raised());
    assertEquals(1, health.inState(AlarmState.SHELVED));
  }

  @Test
  void alarmActiveForMoreThanADayIsStanding() {
    lo();
    clock.advance(Duration.ofHours(24));
    assertEquals(0, health.standing());

    clock.advance(Duration.ofSeconds(1));
    book.acknowledge(LO, "tanaka", null);

    assertEquals(1, health.standing());
  }

  @Test
  void mostFrequentAlarmsAreRankedOverTheLastDay() {
    lo();
    chatter(3, Duration.ofMinutes(1));

    assertEquals(List.of(new AlarmHealth.Frequent(HI, 3), new AlarmHealth.Frequent(LO, 1)),
        health.mostFrequent(5));

    clock.advance(Duration.ofHours(24));

    assertEquals(List.of(), health.mostFrequent(5));
  }

  @Test
  void figuresAreMetersAndTheRankingIsOnTheStatusPageOnly() {
    chatter(11, Duration.ofSeconds(10));
    AlarmHealthReport report = new AlarmHealthReport(health);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    report.bindTo(registry);

    assertEquals(11, registry.get("floorgate.alarms.raised.last10m").gauge().value());
    assertEquals(1, registry.get("floorgate.alarms.flood.periods").functionCounter().count());
    assertEquals(1, registry.get("floorgate.alarms.flood.active").gauge().value());
    assertEquals(11, registry.get("floorgate.alarms.raised").functionCounter().count());
    assertEquals(0, registry.get("floorgate.alarms.standing").gauge().value());
    assertEquals(0, registry.get("floorgate.alarms.shelved").gauge().value());
    assertEquals(0, registry.get("floorgate.alarms.suppressed").gauge().value());
    assertTrue(registry.getMeters().stream().allMatch(m -> m.getId().getTags().isEmpty()));
    List<StatusSection> sections = report.sections();
    assertEquals("Alarm system health", sections.get(0).title());
    assertEquals(List.of(List.of(HI, "11")), sections.get(1).rows());
  }
}
