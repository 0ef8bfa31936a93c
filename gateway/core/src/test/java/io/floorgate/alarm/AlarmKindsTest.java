package io.floorgate.alarm;

import static io.floorgate.alarm.AlarmFixtures.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import io.floorgate.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each kind of rule, and the operator commands' refusals. */
class AlarmKindsTest {

  final MutableClock clock = AlarmFixtures.clock();
  final List<AlarmEvent> events = new ArrayList<>();

  AlarmBook book(String rules) throws Exception {
    return new AlarmBook(AlarmRule.of(AlarmFixtures.config(rules, "")), clock, Map.of(),
        events::add);
  }

  Reading value(String path, Object value) {
    return reading(path, value, Quality.GOOD, clock.instant());
  }

  String transitions() {
    return String.join(" ", events.stream()
        .map(e -> e.alarm().id().substring(e.alarm().id().lastIndexOf('.') + 1) + ":"
            + e.transition()).toList());
  }

  @Test
  void loClearsOnlyAboveLimitPlusDeadband() throws Exception {
    AlarmBook book = book("    - { tag: calcination/k/temp, type: lo, limit: 80, deadband: 2 }\n");
    book.onReading(value("calcination/k/temp", 79.0));
    book.onReading(value("calcination/k/temp", 81.0));
    book.onReading(value("calcination/k/temp", 83.0));
    assertEquals("lo:RAISE lo:CLEAR", transitions());
  }

  @Test
  void deviationBetweenDuplicateThermocouplesCarriesTheDeviationAsValue() throws Exception {
    AlarmBook book = book("    - { tag: calcination/k/temp, type: deviation, limit: 10, "
        + "against: calcination/k/temp-b }\n");
    book.onReading(value("calcination/k/temp", 100.0));
    book.onReading(value("calcination/k/temp-b", 95.0));
    book.onReading(value("calcination/k/temp-b", 85.5));
    assertEquals("deviation:RAISE", transitions());
    assertEquals(14.5, (Double) events.get(0).alarm().value(), 1e-9);
    assertEquals("°C", events.get(0).alarm().unit());
  }

  @Test
  void rateOfChangePerMinuteOverTheWindowRaisesAndClearsWhenTheValueStops() throws Exception {
    AlarmBook book = book("    - { tag: calcination/k/temp, type: rate, limit: 60 }\n");
    // Noise between readings 250 ms apart is no rate: +0.5 °C would be 120 °C/min.
    book.onReading(value("calcination/k/temp", 100.0));
    clock.advance(Duration.ofMillis(250));
    book.onReading(value("calcination/k/temp", 100.5));
    clock.advance(Duration.ofMillis(4750));
    book.onReading(value("calcination/k/temp", 101.0));
    assertEquals("", transitions());
    // 13 °C in 10 s is 78 °C/min.
    clock.advance(Duration.ofSeconds(5));
    book.onReading(value("calcination/k/temp", 113.0));
    assertEquals("rate:RAISE", transitions());
    assertEquals(78.0, (Double) events.get(0).alarm().value(), 1e-6);
    assertEquals("°C/min", events.get(0).alarm().unit());
    clock.advance(AlarmTracker.RATE_QUIET.plusSeconds(1));
    book.tick();
    assertEquals("rate:RAISE rate:CLEAR", transitions());
  }

  @Test
  void rateIsJudgedByTheReadingsTimestampsNotWhenABatchArrived() throws Exception {
    AlarmBook book = book("    - { tag: calcination/k/temp, type: rate, limit: 60 }\n");
    Instant start = clock.instant().minusSeconds(10);
    // One subscription notification carries ten seconds of queued values, received at once.
    for (int i = 0; i <= 10; i++) {
      book.onReading(new Reading("kiln", AlarmFixtures.ROOT + "calcination/k/temp", 100.0 + 0.5 * i,
          null, Quality.GOOD, io.floorgate.driver.Status.GOOD, start.plusSeconds(i),
          start.plusSeconds(i), io.floorgate.reading.TimestampSource.SOURCE, clock.instant()));
    }
    assertEquals("", transitions());
  }

  @Test
  void discreteStateNameRaisesWithTheStateAsValue() throws Exception {
    AlarmBook book = book("    - { tag: mixing/m/state, type: discrete, equals: fault }\n");
    book.onReading(value("mixing/m/state", "mixing"));
    book.onReading(value("mixing/m/state", "fault"));
    assertEquals("discrete:RAISE", transitions());
    assertEquals("fault", events.get(0).alarm().value());
  }

  @Test
  void badQualityRaisesOnSensorFailureAndClearsWhenGood() throws Exception {
    AlarmBook book = book("    - { tag: calcination/k/temp, type: bad-quality, priority: high }\n");
    book.onReading(reading("calcination/k/temp", null, Quality.BAD, clock.instant()));
    assertEquals("BAD", events.get(0).alarm().quality());
    assertEquals(750, events.get(0).alarm().severity());
    book.onReading(value("calcination/k/temp", 700.0));
    assertEquals("bad-quality:RAISE bad-quality:CLEAR", transitions());
  }

  @Test
  void hiAndHihiOnOneTagAreTwoAlarms() throws Exception {
    AlarmBook book = book("""
            - { tag: calcination/k/temp, type: hi, limit: 100 }
            - { tag: calcination/k/temp, type: hihi, limit: 120 }
        """);
    book.onReading(value("calcination/k/temp", 110.0));
    book.onReading(value("calcination/k/temp", 125.0));
    assertEquals("hi:RAISE hihi:RAISE", transitions());
  }

  @Test
  void everyEventHasItsOwnIdAndTheFullState() throws Exception {
    AlarmBook book = book("    - { tag: calcination/k/temp, type: hi, limit: 100, "
        + "message: Zone over-temperature }\n");
    book.onReading(value("calcination/k/temp", 105.0));
    book.acknowledge("calcination.k.temp.hi", "tanaka", "checking burner");
    AlarmEvent raise = events.get(0);
    AlarmEvent ack = events.get(1);
    assertEquals(2, events.stream().map(AlarmEvent::eventId).distinct().count());
    assertEquals("jxnmm/isohara/calcination/k/temp", raise.alarm().tag());
    assertEquals("jxnmm/isohara/calcination/k/temp/hi", raise.alarm().path());
    assertEquals("kiln", raise.alarm().connection());
    assertEquals(100.0, raise.alarm().limit());
    assertEquals(105.0, raise.alarm().value());
    assertEquals("Zone over-temperature", raise.alarm().message());
    assertEquals(clock.instant(), raise.alarm().sourceTime());
    assertEquals("tanaka", ack.by());
    assertEquals("checking burner", ack.alarm().comment());
    assertEquals(AlarmState.ACKED, ack.alarm().state());
    assertEquals(ack.eventId(), ack.alarm().lastEventId());
  }

  @Test
  void commandsOnUnknownOrNormalAlarmsAreRefusedWithTheReason() throws Exception {
    AlarmBook book = book("    - { tag: calcination/k/temp, type: hi, limit: 100 }\n");
    assertEquals(AlarmCommandException.Reason.NOT_FOUND, assertThrows(AlarmCommandException.class,
        () -> book.acknowledge("nope", "tanaka", null)).reason());
    assertEquals(AlarmCommandException.Reason.CONFLICT, assertThrows(AlarmCommandException.class,
        () -> book.acknowledge("calcination.k.temp.hi", "tanaka", null)).reason());
    assertEquals(AlarmCommandException.Reason.CONFLICT, assertThrows(AlarmCommandException.class,
        () -> book.unshelve("calcination.k.temp.hi", "tanaka", null)).reason());
  }
}
