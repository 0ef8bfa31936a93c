package io.floorgate.alarm;

import static io.floorgate.alarm.AlarmFixtures.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floorgate.reading.Quality;
import io.floorgate.testkit.MutableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code suppressedBy:} a tag that is true or non-zero, or another alarm while it is active. */
class SuppressedByTest {

  static final String HI = "calcination.k.temp.hi";
  static final String STANDBY = "calcination.k.running.standby";
  static final String B_HI = "calcination.k.temp-b.hi";

  final MutableClock clock = AlarmFixtures.clock();
  final List<AlarmEvent> events = new ArrayList<>();
  AlarmBook book;

  @BeforeEach
  void plant() throws Exception {
    book = new AlarmBook(AlarmRule.of(AlarmFixtures.config("""
            - { tag: calcination/k/temp, type: hi, limit: 100, suppressedBy: calcination/k/running }
            - { tag: calcination/k/running, type: discrete, equals: 2, name: standby }
            - { tag: calcination/k/temp-b, type: hi, limit: 100,
                suppressedBy: [ calcination.k.running.standby ] }
        """, AlarmFixtures.NO_COMMUNICATION)), clock, Map.of(), events::add);
  }

  void temperatures(double value) {
    book.onReading(reading("calcination/k/temp", value, Quality.GOOD, clock.instant()));
    book.onReading(reading("calcination/k/temp-b", value, Quality.GOOD, clock.instant()));
  }

  void running(Object value) {
    book.onReading(reading("calcination/k/running", value, Quality.GOOD, clock.instant()));
  }

  String transitions(String id) {
    return String.join(" ", events.stream().filter(e -> e.alarm().id().equals(id))
        .map(e -> e.transition().name()).toList());
  }

  @Test
  void tagThatIsTrueSuppresses() {
    running(true);
    temperatures(120);

    assertEquals("SUPPRESS", transitions(HI));
    assertEquals(AlarmState.SUPPRESSED, book.get(HI).state());
  }

  @Test
  void tagThatIsNonZeroSuppressesAndZeroReleases() {
    running(3L);
    temperatures(120);
    running(0L);

    assertEquals("SUPPRESS UNSUPPRESS RAISE", transitions(HI));
  }

  @Test
  void badTagDoesNotSuppress() {
    running(true);
    book.onReading(reading("calcination/k/running", null, Quality.BAD, clock.instant()));
    temperatures(120);

    assertEquals("SUPPRESS UNSUPPRESS RAISE", transitions(HI));
  }

  @Test
  void activeAlarmSuppressesAndItsClearReleases() {
    running(2L);
    assertEquals(AlarmState.UNACKED, book.get(STANDBY).state());
    temperatures(120);
    assertEquals(AlarmState.SUPPRESSED, book.get(B_HI).state());

    running(0L);

    assertEquals("SUPPRESS UNSUPPRESS RAISE", transitions(B_HI));
  }

  @Test
  void suppressionResetsAnAlarmAlreadyRaised() {
    running(0L);
    temperatures(120);
    assertEquals(AlarmState.UNACKED, book.get(B_HI).state());

    running(2L);

    assertEquals("RAISE SUPPRESS", transitions(B_HI));
    assertEquals(AlarmState.SUPPRESSED, book.get(B_HI).state());
  }
}
