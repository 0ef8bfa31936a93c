package io.floorgate.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.floorgate.config.ConfigLoader;
import io.floorgate.config.GatewayConfig;
import io.floorgate.maintenance.Counter;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import io.floorgate.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Run hours and counts on scripted signals, with a clock the test moves. */
class MaintenanceCounterTest {

  static final String PLANT = """
      namespace: { enterprise: jxnmm, site: isohara }
      mqtt: { url: tcp://127.0.0.1:1883, clientId: maintenance-test }
      connections:
        - name: mixer
          endpoint: opc.tcp://127.0.0.1:4842/mixer
          area: mixing
          groups:
            - name: all
              tags:
                - { path: mx01/running, node: ns=2;s=R }
                - { path: mx01/current, node: ns=2;s=C, unit: A }
                - { path: mx01/starts, node: ns=2;s=S }
      alarms:
        rules:
      """;

  final MutableClock clock = AlarmFixtures.clock();
  final List<AlarmEvent> events = new ArrayList<>();

  static GatewayConfig config(String rules) throws Exception {
    return ConfigLoader.parse(PLANT + rules, "maintenance-test.yaml", Map.of());
  }

  AlarmBook book(String rule) throws Exception {
    return new AlarmBook(AlarmRule.of(config("    - " + rule + "\n")), clock, Map.of(),
        events::add);
  }

  void send(AlarmBook book, String tag, Object value, Quality quality) {
    book.onReading(new Reading("mixer", "jxnmm/isohara/mixing/mx01/" + tag, value, null, quality,
        quality == Quality.BAD ? AlarmFixtures.SENSOR_FAILURE : io.floorgate.driver.Status.GOOD,
        clock.instant(), clock.instant(), io.floorgate.reading.TimestampSource.SOURCE,
        clock.instant()));
  }

  void send(AlarmBook book, String tag, Object value) {
    send(book, tag, value, Quality.GOOD);
  }

  void pass(AlarmBook book, Duration d) {
    clock.advance(d);
    book.tick();
  }

  static Counter counter(AlarmBook book) {
    return book.counters().get(0);
  }

  String transitions() {
    return String.join(" ", events.stream().map(e -> e.transition().name()).toList());
  }

  @Test
  void runHoursAccumulateOnTicksWhileRunningAndRaiseAtTheInterval() throws Exception {
    AlarmBook book = book("{ tag: mixing/mx01/running, type: runHours, interval: 2 }");
    send(book, "running", true);
    pass(book, Duration.ofMinutes(90));
    assertEquals(1.5, counter(book).value(), 1e-9);
    assertEquals("", transitions());
    pass(book, Duration.ofMinutes(30));
    assertEquals("RAISE", transitions());
    assertEquals(2.0, (Double) events.get(0).alarm().value(), 1e-9);
    assertEquals("MAINTENANCE", events.get(0).alarm().alarmClass().name());
  }

  @Test
  void runHoursStopWhileTheMachineStops() throws Exception {
    AlarmBook book = book("{ tag: mixing/mx01/running, type: runHours, interval: 100 }");
    send(book, "running", true);
    pass(book, Duration.ofHours(1));
    send(book, "running", false);
    pass(book, Duration.ofHours(3));
    assertEquals(1.0, counter(book).value(), 1e-9);
  }

  @Test
  void runHoursDoNotAccumulateWhileTheReadingIsBad() throws Exception {
    AlarmBook book = book("{ tag: mixing/mx01/running, type: runHours, interval: 100 }");
    send(book, "running", true);
    pass(book, Duration.ofHours(1));
    send(book, "running", true, Quality.BAD);
    pass(book, Duration.ofHours(5));
    send(book, "running", true);
    pass(book, Duration.ofHours(1));
    assertEquals(2.0, counter(book).value(), 1e-9);
  }

  @Test
  void runHoursOfANumericTagCountOnlyAboveTheThreshold() throws Exception {
    AlarmBook book = book("{ tag: mixing/mx01/current, type: runHours, interval: 100, "
        + "above: 5 }");
    send(book, "current", 3.0);
    pass(book, Duration.ofHours(2));
    send(book, "current", 80.0);
    pass(book, Duration.ofHours(1));
    assertEquals(1.0, counter(book).value(), 1e-9);
  }

  @Test
  void countCountsRisingEdgesOfABooleanAndRaisesAtTheInterval() throws Exception {
    AlarmBook book = book("{ tag: mixing/mx01/running, type: count, interval: 2 }");
    send(book, "running", false);
    send(book, "running", true);
    send(book, "running", true);
    send(book, "running", false);
    assertEquals(1.0, counter(book).value());
    assertEquals("", transitions());
    send(book, "running", true);
    assertEquals(2.0, counter(book).value());
    assertEquals("RAISE", transitions());
  }

  @Test
  void countCountsRisesAboveTheThresholdOfANumericTag() throws Exception {
    AlarmBook book = book("{ tag: mixing/mx01/current, type: count, interval: 10, above: 50 }");
    for (double amps : new double[] {0, 95, 120, 10, 160, 0}) {
      send(book, "current", amps);
    }
    assertEquals(2.0, counter(book).value());
  }

  @Test
  void countFollowsThePlcCounterAndCarriesOnAfterItsReset() throws Exception {
    AlarmBook book = book("{ tag: mixing/mx01/starts, type: count, interval: 1000 }");
    send(book, "starts", 100);
    send(book, "starts", 103);
    send(book, "starts", 110);
    assertEquals(10.0, counter(book).value());
    send(book, "starts", 2);
    assertEquals(10.0, counter(book).value());
    send(book, "starts", 5);
    assertEquals(13.0, counter(book).value());
  }

  @Test
  void resetSetsTheCounterToZeroClearsItsAlarmAndKeepsWhoAndWhy() throws Exception {
    AlarmBook book = book("{ tag: mixing/mx01/running, type: runHours, interval: 1 }");
    send(book, "running", true);
    pass(book, Duration.ofHours(1));
    assertEquals("RAISE", transitions());
    book.resetCounter("mixing.mx01.running.run-hours", "tanaka", "bearings greased");
    assertEquals("RAISE ACK CLEAR", transitions());
    assertEquals(AlarmState.NORMAL, events.get(2).alarm().state());
    var view = counter(book).view();
    assertEquals(0.0, view.value());
    assertEquals("tanaka", view.lastResetBy());
    assertEquals("bearings greased", view.comment());
    assertEquals(clock.instant(), view.lastResetAt());
    // Still running: the counter goes on from zero and does not trip again at once.
    pass(book, Duration.ofMinutes(30));
    assertEquals(0.5, counter(book).value(), 1e-9);
    assertEquals("RAISE ACK CLEAR", transitions());
  }

  @Test
  void resetOfAnAlarmThatIsNoCounterIsNotFound() throws Exception {
    AlarmBook book = book("{ tag: mixing/mx01/current, type: hi, limit: 100 }");
    AlarmCommandException e = assertThrows(AlarmCommandException.class,
        () -> book.resetCounter("mixing.mx01.current.hi", "tanaka", null));
    assertEquals(AlarmCommandException.Reason.NOT_FOUND, e.reason());
  }
}
