package io.floorgate.alarm;

import static io.floorgate.alarm.AlarmFixtures.reading;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floorgate.driver.LinkState;
import io.floorgate.driver.Status;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import io.floorgate.reading.TimestampSource;
import io.floorgate.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A lost PLC link: one communication alarm after its on-delay, the bad-quality alarms of the
 * link's tags SUPPRESSED instead of raised, and released without a raise when the link returns.
 */
class LinkSuppressionTest {

  static final String COMMUNICATION = "calcination.kiln.communication";
  static final String TC = "calcination.k.temp.bad-quality";
  static final String TC_B = "calcination.k.temp-b.bad-quality";
  static final Status NO_COMMUNICATION = new Status(0x8031_0000L, "Bad_NoCommunication");

  final MutableClock clock = AlarmFixtures.clock();
  final List<AlarmEvent> events = new ArrayList<>();
  AlarmBook book;

  @BeforeEach
  void plant() throws Exception {
    book = book("  communication: { onDelay: 10s }\n");
    good();
  }

  AlarmBook book(String extra) throws Exception {
    return new AlarmBook(AlarmRule.of(AlarmFixtures.config("""
            - { tag: calcination/k/temp, type: bad-quality, priority: high }
            - { tag: calcination/k/temp-b, type: bad-quality, priority: high }
        """, extra)), clock, Map.of(), events::add);
  }

  void link(LinkState state) {
    book.onLinks(Map.of("kiln", state));
  }

  /** What the driver reports for every tag once the link has been down a while. */
  void noCommunication() {
    for (String tag : List.of("calcination/k/temp", "calcination/k/temp-b")) {
      book.onReading(new Reading("kiln", AlarmFixtures.ROOT + tag, null, null, Quality.BAD,
          NO_COMMUNICATION, null, clock.instant(), TimestampSource.GATEWAY, clock.instant()));
    }
  }

  void good() {
    book.onReading(reading("calcination/k/temp", 750.0, Quality.GOOD, clock.instant()));
    book.onReading(reading("calcination/k/temp-b", 751.0, Quality.GOOD, clock.instant()));
  }

  void seconds(int n) {
    for (int s = 0; s < n; s++) {
      clock.advance(Duration.ofSeconds(1));
      book.tick();
    }
  }

  String transitions() {
    return String.join(" ", events.stream().map(e -> e.transition() + ":" + e.alarm().id())
        .toList());
  }

  @Test
  void lostLinkRaisesOneCommunicationAlarmAfterItsOnDelay() {
    link(LinkState.DISCONNECTED);
    seconds(9);
    assertEquals(AlarmState.NORMAL, book.get(COMMUNICATION).state());

    seconds(1);

    assertEquals(AlarmState.UNACKED, book.get(COMMUNICATION).state());
    Alarm alarm = book.get(COMMUNICATION);
    assertEquals("PLC kiln communication lost", alarm.message());
    assertEquals(io.floorgate.config.AlarmKind.COMMUNICATION, alarm.type());
    assertEquals(io.floorgate.config.AlarmClass.PROCESS, alarm.alarmClass());
    assertEquals(io.floorgate.config.AlarmPriority.HIGH, alarm.priority());
    assertEquals("jxnmm/isohara/calcination/kiln", alarm.tag());
  }

  @Test
  void linkBackWithinTheOnDelayRaisesNothing() {
    link(LinkState.DISCONNECTED);
    seconds(5);
    link(LinkState.CONNECTED);
    seconds(10);

    assertEquals(List.of(), events.stream().filter(e -> e.transition() == Transition.RAISE)
        .toList());
    assertEquals(AlarmState.NORMAL, book.get(COMMUNICATION).state());
    assertEquals(AlarmState.NORMAL, book.get(TC).state());
  }

  @Test
  void qualityAlarmsOfALostLinkAreSuppressedNotRaised() {
    link(LinkState.DISCONNECTED);
    seconds(5);
    noCommunication();
    seconds(10);

    assertEquals("SUPPRESS:" + TC + " SUPPRESS:" + TC_B + " RAISE:" + COMMUNICATION,
        transitions());
    assertEquals(AlarmState.SUPPRESSED, book.get(TC).state());
  }

  @Test
  void qualityAlarmsAreReleasedToNormalWhenTheLinkIsBackAndReadingsAreGood() {
    link(LinkState.DISCONNECTED);
    noCommunication();
    seconds(15);
    events.clear();

    link(LinkState.CONNECTED);
    seconds(1);
    // Still the lost link's readings: held until fresh values come.
    assertEquals(AlarmState.SUPPRESSED, book.get(TC).state());
    good();

    assertEquals("CLEAR:" + COMMUNICATION + " UNSUPPRESS:" + TC + " UNSUPPRESS:" + TC_B,
        transitions());
    assertEquals(AlarmState.NORMAL, book.get(TC).state());
    assertEquals(AlarmState.NORMAL, book.get(TC_B).state());
    assertEquals(AlarmState.RTN_UNACKED, book.get(COMMUNICATION).state());
  }

  @Test
  void thermocoupleThatFailedWhileTheLinkWasDownIsRaisedWhenItIsBack() {
    link(LinkState.DISCONNECTED);
    noCommunication();
    seconds(15);
    link(LinkState.CONNECTED);
    seconds(1);
    events.clear();

    book.onReading(reading("calcination/k/temp", null, Quality.BAD, clock.instant()));

    assertEquals("UNSUPPRESS:" + TC + " RAISE:" + TC, transitions());
  }

  @Test
  void qualityAlarmActiveBeforeTheLinkDropsStaysAsItIs() {
    book.onReading(reading("calcination/k/temp", null, Quality.BAD, clock.instant()));
    assertEquals(AlarmState.UNACKED, book.get(TC).state());

    link(LinkState.DISCONNECTED);
    noCommunication();
    seconds(15);

    assertEquals(AlarmState.UNACKED, book.get(TC).state());
    assertEquals(AlarmState.SUPPRESSED, book.get(TC_B).state());
  }

  @Test
  void closedLinkIsTheGatewayStoppingAndClearsNothing() {
    link(LinkState.DISCONNECTED);
    seconds(10);

    link(LinkState.CLOSED);
    seconds(5);

    assertEquals(AlarmState.UNACKED, book.get(COMMUNICATION).state());
  }

  @Test
  void withCommunicationAlarmsOffALostLinkRaisesTheQualityAlarmsAsBefore() throws Exception {
    book = book(AlarmFixtures.NO_COMMUNICATION);
    good();
    link(LinkState.DISCONNECTED);
    noCommunication();

    assertEquals("RAISE:" + TC + " RAISE:" + TC_B, transitions());
  }
}
