package io.floorgate.alarm;

import static io.floorgate.alarm.AlarmFixtures.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floorgate.reading.Quality;
import io.floorgate.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ISA-18.2 state machine as a table: a HI alarm (limit 100, deadband 5, on-delay 2s,
 * off-delay 3s, suppressed while the kiln is not running) driven step by step. Steps: a number is
 * a reading of the temperature, {@code +Ns} moves the clock and ticks, {@code bad} is an open
 * thermocouple, {@code running=…} the suppression tag, and the operator commands.
 */
class AlarmStateMachineTest {

  static final String ID = "calcination.k.temp.hi";

  static Stream<Arguments> table() {
    return Stream.of(
        row("crossing the limit raises only after the on-delay",
            "95 101 +1s", "", AlarmState.NORMAL),
        row("a condition held for the on-delay raises",
            "95 101 +1s +1s", "RAISE", AlarmState.UNACKED),
        row("chatter within the deadband raises once",
            "101 +2s 99 101 97 102 96 +5s", "RAISE", AlarmState.UNACKED),
        row("chatter shorter than the on-delay never raises",
            "101 +1s 94 +1s 101 +1s 94 +1s 101 +1s 94 +5s", "", AlarmState.NORMAL),
        row("below limit minus deadband for the off-delay clears",
            "101 +2s 94 +2s +1s", "RAISE CLEAR", AlarmState.RTN_UNACKED),
        row("a dip shorter than the off-delay does not clear",
            "101 +2s 94 +1s 101 +5s", "RAISE", AlarmState.UNACKED),
        row("acknowledged, then cleared, is normal",
            "101 +2s ack 94 +3s", "RAISE ACK CLEAR", AlarmState.NORMAL),
        row("acknowledging a returned alarm makes it normal",
            "101 +2s 94 +3s ack", "RAISE CLEAR ACK", AlarmState.NORMAL),
        row("a shelve expires by itself and re-annunciates an active alarm",
            "101 +2s shelve +30s", "RAISE SHELVE", AlarmState.SHELVED),
        row("after the shelve time the alarm returns unacknowledged",
            "101 +2s shelve +61s", "RAISE SHELVE UNSHELVE", AlarmState.UNACKED),
        row("raised while shelved, it is not annunciated until unshelved",
            "shelve 101 +2s", "SHELVE RAISE", AlarmState.SHELVED),
        row("unshelving an alarm that went normal meanwhile leaves it normal",
            "101 +2s shelve 94 +3s unshelve", "RAISE SHELVE CLEAR UNSHELVE", AlarmState.NORMAL),
        row("suppressed by design while the kiln is not running",
            "running=false 101 +5s", "SUPPRESS", AlarmState.SUPPRESSED),
        row("suppression resets an active alarm",
            "101 +2s running=false", "RAISE SUPPRESS", AlarmState.SUPPRESSED),
        row("after suppression lifts, the condition must hold the on-delay again",
            "running=false 101 +5s running=true +1s", "SUPPRESS UNSUPPRESS", AlarmState.NORMAL),
        row("after suppression lifts, a held condition raises",
            "running=false 101 +5s running=true +2s", "SUPPRESS UNSUPPRESS RAISE",
            AlarmState.UNACKED),
        row("out of service, nothing is evaluated",
            "oos 101 +5s", "OUT_OF_SERVICE", AlarmState.OUT_OF_SERVICE),
        row("back in service, a held condition raises after the on-delay",
            "oos 101 +5s ris +2s", "OUT_OF_SERVICE RETURN_TO_SERVICE RAISE",
            AlarmState.UNACKED),
        row("bad quality holds the alarm as it was",
            "101 +2s bad +10s", "RAISE", AlarmState.UNACKED),
        row("bad quality does not raise",
            "95 bad +10s", "", AlarmState.NORMAL));
  }

  static Arguments row(String name, String steps, String transitions, AlarmState state) {
    return Arguments.of(name, steps, transitions, state);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void hiAlarm(String name, String steps, String transitions, AlarmState state) throws Exception {
    MutableClock clock = AlarmFixtures.clock();
    List<AlarmEvent> events = new ArrayList<>();
    AlarmBook book = new AlarmBook(AlarmRule.of(AlarmFixtures.config("""
            - tag: calcination/k/temp
              type: hi
              limit: 100
              deadband: 5
              onDelay: 2s
              offDelay: 3s
              suppressWhen: { tag: calcination/k/running, equals: false }
        """, "")), clock, Map.of(), events::add);
    book.onReading(reading("calcination/k/running", true, Quality.GOOD, clock.instant()));

    for (String step : steps.split(" ")) {
      if (step.startsWith("+")) {
        for (int s = 0; s < Integer.parseInt(step.substring(1, step.length() - 1)); s++) {
          clock.advance(Duration.ofSeconds(1));
          book.tick();
        }
      } else if (step.startsWith("running=")) {
        book.onReading(reading("calcination/k/running",
            Boolean.valueOf(step.substring(8)), Quality.GOOD, clock.instant()));
      } else if (step.equals("bad")) {
        book.onReading(reading("calcination/k/temp", null, Quality.BAD, clock.instant()));
      } else if (step.equals("ack")) {
        book.acknowledge(ID, "tanaka", "seen");
      } else if (step.equals("shelve")) {
        book.shelve(ID, "tanaka", Duration.ofMinutes(1), "known");
      } else if (step.equals("unshelve")) {
        book.unshelve(ID, "tanaka", null);
      } else if (step.equals("oos")) {
        book.removeFromService(ID, "suzuki", "thermocouple replaced");
      } else if (step.equals("ris")) {
        book.returnToService(ID, "suzuki", null);
      } else {
        book.onReading(reading("calcination/k/temp", Double.valueOf(step), Quality.GOOD,
            clock.instant()));
      }
    }

    assertEquals(transitions, String.join(" ",
        events.stream().map(e -> e.transition().name()).toList()), steps);
    assertEquals(state, book.get(ID).state(), steps);
  }
}
