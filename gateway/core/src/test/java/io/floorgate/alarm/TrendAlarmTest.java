package io.floorgate.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.floorgate.config.ConfigLoader;
import io.floorgate.driver.Status;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import io.floorgate.reading.TimestampSource;
import io.floorgate.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * TREND on a mixer drive's motor current sampled every 10 minutes: the projection across the
 * limit, its words, and what is no trend.
 */
class TrendAlarmTest {

  static final String CURRENT = "mixing/mx01/drive/current";
  static final Duration SAMPLE = Duration.ofMinutes(10);
  static final double DAY = 86_400;

  final MutableClock clock = AlarmFixtures.clock();
  final Instant start = clock.instant();
  final List<AlarmEvent> events = new ArrayList<>();

  AlarmBook book(String settings) throws Exception {
    var config = ConfigLoader.parse("""
        namespace: { enterprise: jxnmm, site: isohara }
        mqtt: { url: tcp://127.0.0.1:1883, clientId: trend-test }
        connections:
          - name: mixer
            endpoint: opc.tcp://127.0.0.1:4842/mixer
            area: mixing
            groups:
              - name: all
                tags:
                  - { path: mx01/drive/current, node: ns=2;s=I, unit: A }
        alarms:
          rules:
            - { tag: mixing/mx01/drive/current, type: trend, %s }
        """.formatted(settings), "trend-test.yaml", Map.of());
    return new AlarmBook(AlarmRule.of(config), clock, Map.of(), events::add);
  }

  AlarmBook creep() throws Exception {
    return book("limit: 38, window: 7d, horizon: 14d");
  }

  void send(AlarmBook book, double amps) {
    Instant now = clock.instant();
    book.onReading(new Reading("mixer", AlarmFixtures.ROOT + CURRENT, amps, "A", Quality.GOOD,
        Status.GOOD, now, now, TimestampSource.SOURCE, now));
  }

  /** Samples {@code amps(days since start)} every 10 minutes for {@code days}, ticking between. */
  void run(AlarmBook book, double days, DoubleUnaryOperator amps) {
    Instant end = clock.instant().plusSeconds((long) (days * DAY));
    while (clock.instant().isBefore(end)) {
      send(book, amps.applyAsDouble(Duration.between(start, clock.instant()).getSeconds() / DAY));
      clock.advance(SAMPLE);
      book.tick();
    }
  }

  String transitions() {
    return String.join(" ", events.stream().map(e -> e.transition().toString()).toList());
  }

  @Test
  void creepingCurrentIsRaisedSayingInHowManyDaysItReachesTheLimit() throws Exception {
    AlarmBook book = creep();
    run(book, 7, d -> 30 + 0.5 * d);
    assertEquals("RAISE", transitions());
    Alarm raised = events.get(0).alarm();
    double daysAtRaise = Duration.between(start, raised.raisedAt()).getSeconds() / DAY;
    long expectedDays = Math.round((38 - (30 + 0.5 * daysAtRaise)) / 0.5);
    assertEquals(14, expectedDays);
    assertEquals(CURRENT + " projected to reach 38 A in ≈ " + expectedDays + " days",
        raised.message());
    assertEquals(30 + 0.5 * daysAtRaise, (Double) raised.value(), 0.01);
    assertEquals(io.floorgate.config.AlarmClass.MAINTENANCE, raised.alarmClass());
  }

  @Test
  void theProjectionIsWrittenAtTheRaiseAndHeldWhileActive() throws Exception {
    AlarmBook book = creep();
    run(book, 7, d -> 30 + 0.5 * d);
    assertEquals(events.get(0).alarm().message(), book.all().get(0).message());
  }

  @Test
  void aFlatCurrentJustBelowTheLimitIsNoTrend() throws Exception {
    AlarmBook book = creep();
    run(book, 7, d -> 37.9);
    assertEquals("", transitions());
  }

  @Test
  void noiseAroundAFlatMeanIsNoTrend() throws Exception {
    AlarmBook book = creep();
    Random random = new Random(14);
    run(book, 7, d -> 37.5 + random.nextDouble() - 0.5);
    assertEquals("", transitions());
  }

  @Test
  void aSlopeThatTurnsClearsTheAlarm() throws Exception {
    AlarmBook book = creep();
    run(book, 4, d -> 30 + 0.5 * d);
    assertEquals("RAISE", transitions());
    // The bearing was replaced: the current falls back and stays.
    run(book, 7, d -> Math.max(28, 32 - (d - 4)));
    assertEquals("RAISE CLEAR", transitions());
  }

  @Test
  void aCrossingThatMovesBeyondTheHorizonClearsTheAlarm() throws Exception {
    AlarmBook book = creep();
    run(book, 3, d -> 30 + 0.5 * d);
    assertEquals("RAISE", transitions());
    // Still rising, but slowly: 38 A is months away now.
    run(book, 7, d -> 31.5 + 0.05 * (d - 3));
    assertEquals("RAISE CLEAR", transitions());
  }

  @Test
  void aFallingTrendIsProjectedDownToItsLimit() throws Exception {
    AlarmBook book = book("limit: 10, window: 1d, horizon: 6h, direction: falling, "
        + "message: Mixer drive current falls");
    run(book, 1, d -> 20 - 24 * d);
    assertEquals("RAISE", transitions());
    assertTrue(events.get(0).alarm().message().matches(
        "Mixer drive current falls: projected to reach 10 A in ≈ \\d+ hours"),
        events.get(0).alarm().message());
  }

  @Test
  void tooLittleHistoryIsNotJudged() throws Exception {
    AlarmBook book = creep();
    // 0.5 A a day from 37.5 A would reach 38 A in a day, but 1.5 days are not a quarter of 7.
    run(book, 1.5, d -> 37.5 + 0.5 * d);
    assertEquals("", transitions());
  }

  @Test
  void aValueThatIsNoNumberIsLoggedOnceAndIgnored() throws Exception {
    var log = new ListAppender<ILoggingEvent>();
    var logger = (Logger) LoggerFactory.getLogger(NumericInput.class);
    log.start();
    logger.addAppender(log);
    try {
      AlarmBook book = creep();
      for (int i = 0; i < 3; i++) {
        Instant now = clock.instant();
        book.onReading(new Reading("mixer", AlarmFixtures.ROOT + CURRENT, "overload", "A",
            Quality.GOOD, Status.GOOD, now, now, TimestampSource.SOURCE, now));
      }
      run(book, 7, d -> 30 + 0.5 * d);
      assertEquals("RAISE", transitions());
      List<String> warnings = log.list.stream()
          .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
          .map(ILoggingEvent::getFormattedMessage).toList();
      assertEquals(1, warnings.size(), warnings.toString());
      assertTrue(warnings.get(0).contains("mixing.mx01.drive.current.trend")
          && warnings.get(0).contains("'overload'")
          && warnings.get(0).contains("point the rule at a numeric tag"), warnings.get(0));
    } finally {
      logger.detachAppender(log);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "30       | in less than a minute",
      "60       | in ≈ 1 minute",
      "5340     | in ≈ 89 minutes",
      "5400     | in ≈ 2 hours",
      "126000   | in ≈ 35 hours",
      "129600   | in ≈ 2 days",
      "777600   | in ≈ 9 days"})
  void theTimeToTheLimitIsSaidInMinutesHoursOrDays(double seconds, String words) {
    assertEquals(words, TrendWatch.when(seconds));
  }
}
