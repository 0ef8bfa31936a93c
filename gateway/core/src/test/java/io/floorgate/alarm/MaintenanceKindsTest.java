package io.floorgate.alarm;

import static io.floorgate.alarm.AlarmFixtures.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floorgate.reading.Quality;
import io.floorgate.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The maintenance kinds judged over time: disagreement, frozen and stale, on scripted signals. */
class MaintenanceKindsTest {

  static final String TC_A = "calcination/k/temp";
  static final String TC_B = "calcination/k/temp-b";
  static final String RUNNING = "calcination/k/running";

  final MutableClock clock = AlarmFixtures.clock();
  final List<AlarmEvent> events = new ArrayList<>();

  AlarmBook book(String rules) throws Exception {
    return book(rules, Map.of());
  }

  AlarmBook book(String rules, Map<AlarmId, Alarm> restored) throws Exception {
    AlarmBook book = new AlarmBook(AlarmRule.of(AlarmFixtures.config(rules, "")), clock,
        restored, events::add);
    book.tick();
    return book;
  }

  /** The book as a restarted engine finds it: the state kept, the history not. */
  AlarmBook restart(AlarmBook before, String rules) throws Exception {
    Map<AlarmId, Alarm> kept = new java.util.HashMap<>();
    before.all().forEach(a -> kept.put(a.alarmId(), a));
    events.clear();
    return book(rules, kept);
  }

  void value(AlarmBook book, String path, Object value) {
    book.onReading(reading(path, value, Quality.GOOD, clock.instant()));
  }

  /** Moves the clock on by {@code total} in steps of {@code step}, the engine ticking at each. */
  void pass(AlarmBook book, Duration total, Duration step) {
    for (Duration d = Duration.ZERO; d.compareTo(total) < 0; d = d.plus(step)) {
      clock.advance(step);
      book.tick();
    }
  }

  String transitions() {
    return String.join(" ", events.stream().map(e -> e.transition().toString()).toList());
  }

  // disagreement

  static final String DISAGREEMENT = "    - { tag: " + TC_A + ", type: disagreement, against: "
      + TC_B + ", limit: 5, deadband: 1, for: 10m }\n";

  @Test
  void disagreementHeldShorterThanForRaisesNothing() throws Exception {
    AlarmBook book = book(DISAGREEMENT);
    value(book, TC_A, 800.0);
    value(book, TC_B, 800.5);
    value(book, TC_A, 806.0);
    pass(book, Duration.ofMinutes(9), Duration.ofSeconds(10));
    value(book, TC_A, 801.0);
    pass(book, Duration.ofMinutes(5), Duration.ofSeconds(10));
    assertEquals("", transitions());
  }

  @Test
  void disagreementHeldForForIsRaisedWithTheDifferenceAsValue() throws Exception {
    AlarmBook book = book(DISAGREEMENT);
    value(book, TC_A, 800.0);
    value(book, TC_B, 800.0);
    // The thermocouples drift apart; readings stop once the values settle (by exception).
    value(book, TC_A, 803.0);
    clock.advance(Duration.ofMinutes(1));
    value(book, TC_A, 806.5);
    pass(book, Duration.ofMinutes(10).minusSeconds(1), Duration.ofSeconds(1));
    assertEquals("", transitions());
    pass(book, Duration.ofSeconds(1), Duration.ofSeconds(1));
    assertEquals("RAISE", transitions());
    Alarm raised = events.get(0).alarm();
    assertEquals(6.5, (Double) raised.value(), 1e-9);
    assertEquals("°C", raised.unit());
    assertEquals(io.floorgate.config.AlarmClass.MAINTENANCE, raised.alarmClass());
  }

  @Test
  void disagreementClearsOnlyWithinLimitMinusDeadband() throws Exception {
    AlarmBook book = book(DISAGREEMENT);
    value(book, TC_B, 800.0);
    value(book, TC_A, 807.0);
    pass(book, Duration.ofMinutes(10), Duration.ofSeconds(30));
    value(book, TC_A, 804.5);
    pass(book, Duration.ofMinutes(1), Duration.ofSeconds(30));
    assertEquals("RAISE", transitions());
    value(book, TC_A, 803.5);
    assertEquals("RAISE CLEAR", transitions());
  }

  @Test
  void disagreementActiveBeforeARestartIsNeitherClearedNorRaisedAgain() throws Exception {
    AlarmBook before = book(DISAGREEMENT);
    value(before, TC_B, 800.0);
    value(before, TC_A, 807.0);
    pass(before, Duration.ofMinutes(10), Duration.ofSeconds(30));
    AlarmBook after = restart(before, DISAGREEMENT);
    value(after, TC_B, 800.0);
    value(after, TC_A, 807.0);
    pass(after, Duration.ofMinutes(20), Duration.ofSeconds(30));
    assertEquals("", transitions());
    value(after, TC_A, 801.0);
    assertEquals("CLEAR", transitions());
  }

  @Test
  void disagreementKeepsItsStateAndTimerWhileATagIsBad() throws Exception {
    AlarmBook book = book(DISAGREEMENT);
    value(book, TC_B, 800.0);
    value(book, TC_A, 807.0);
    pass(book, Duration.ofMinutes(5), Duration.ofSeconds(30));
    book.onReading(reading(TC_B, null, Quality.BAD, clock.instant()));
    pass(book, Duration.ofMinutes(4), Duration.ofSeconds(30));
    assertEquals("", transitions());
    value(book, TC_B, 800.0);
    pass(book, Duration.ofMinutes(1), Duration.ofSeconds(30));
    assertEquals("RAISE", transitions());
  }

  // frozen

  static final String FROZEN = "    - { tag: " + TC_A + ", type: frozen, for: 30m, tolerance: 0.5,"
      + " while: { tag: " + RUNNING + ", equals: true } }\n";

  @Test
  void frozenWhileTheProcessRunsIsRaisedAfterForWithoutFurtherReadings() throws Exception {
    AlarmBook book = book(FROZEN);
    value(book, RUNNING, true);
    value(book, TC_A, 812.0);
    // Within the tolerance of the value it had when it last moved: no move.
    clock.advance(Duration.ofMinutes(10));
    value(book, TC_A, 812.4);
    pass(book, Duration.ofMinutes(20).minusSeconds(1), Duration.ofSeconds(1));
    assertEquals("", transitions());
    pass(book, Duration.ofSeconds(1), Duration.ofSeconds(1));
    assertEquals("RAISE", transitions());
    assertEquals(812.0, (Double) events.get(0).alarm().value(), 1e-9);
  }

  @Test
  void frozenIsNotRaisedWhileTheProcessStands() throws Exception {
    AlarmBook book = book(FROZEN);
    value(book, RUNNING, false);
    value(book, TC_A, 25.0);
    pass(book, Duration.ofHours(2), Duration.ofSeconds(10));
    assertEquals("", transitions());
  }

  @Test
  void frozenTimerStartsWhenTheProcessStartsRunning() throws Exception {
    AlarmBook book = book(FROZEN);
    value(book, RUNNING, false);
    value(book, TC_A, 25.0);
    pass(book, Duration.ofHours(1), Duration.ofSeconds(10));
    value(book, RUNNING, true);
    pass(book, Duration.ofMinutes(29), Duration.ofSeconds(10));
    assertEquals("", transitions());
    pass(book, Duration.ofMinutes(1), Duration.ofSeconds(10));
    assertEquals("RAISE", transitions());
  }

  @Test
  void frozenClearsOnTheFirstMoveBeyondTheTolerance() throws Exception {
    AlarmBook book = book(FROZEN);
    value(book, RUNNING, true);
    value(book, TC_A, 812.0);
    pass(book, Duration.ofMinutes(31), Duration.ofSeconds(10));
    value(book, TC_A, 812.5);
    assertEquals("RAISE", transitions());
    value(book, TC_A, 812.6);
    assertEquals("RAISE CLEAR", transitions());
  }

  @Test
  void frozenKeepsItsStateWhileTheGuardIsBad() throws Exception {
    AlarmBook book = book(FROZEN);
    value(book, RUNNING, true);
    value(book, TC_A, 812.0);
    pass(book, Duration.ofMinutes(31), Duration.ofSeconds(10));
    book.onReading(reading(RUNNING, null, Quality.BAD, clock.instant()));
    value(book, TC_A, 830.0);
    pass(book, Duration.ofMinutes(1), Duration.ofSeconds(10));
    assertEquals("RAISE", transitions());
  }

  // stale

  static final String STALE = "    - { tag: " + TC_A + ", type: stale, for: 30s }\n";

  @Test
  void staleHeartbeatIsRaisedAfterForWithTheSecondsSinceItsLastValue() throws Exception {
    AlarmBook book = book(STALE);
    for (int beat = 0; beat < 60; beat++) {
      value(book, TC_A, (double) beat);
      pass(book, Duration.ofSeconds(1), Duration.ofMillis(100));
    }
    assertEquals("", transitions());
    pass(book, Duration.ofSeconds(29), Duration.ofMillis(100));
    assertEquals("RAISE", transitions());
    assertEquals(30.0, (Double) events.get(0).alarm().value(), 1e-9);
    assertEquals("s", events.get(0).alarm().unit());
  }

  @Test
  void staleActiveBeforeARestartStaysActiveUntilTheNextValue() throws Exception {
    AlarmBook before = book(STALE);
    pass(before, Duration.ofSeconds(31), Duration.ofSeconds(1));
    AlarmBook after = restart(before, STALE);
    pass(after, Duration.ofSeconds(5), Duration.ofMillis(100));
    assertEquals("", transitions());
    value(after, TC_A, 1.0);
    assertEquals("CLEAR", transitions());
  }

  @Test
  void staleCountsFromEngineStartWhenTheTagNeverSends() throws Exception {
    AlarmBook book = book(STALE);
    pass(book, Duration.ofSeconds(30), Duration.ofMillis(100));
    assertEquals("RAISE", transitions());
  }

  @Test
  void staleIgnoresBadReadingsAndClearsOnTheNextValue() throws Exception {
    AlarmBook book = book(STALE);
    value(book, TC_A, 1.0);
    for (int i = 0; i < 4; i++) {
      pass(book, Duration.ofSeconds(10), Duration.ofMillis(100));
      book.onReading(reading(TC_A, null, Quality.BAD, clock.instant()));
    }
    assertEquals("RAISE", transitions());
    value(book, TC_A, 2.0);
    assertEquals("RAISE CLEAR", transitions());
  }
}
