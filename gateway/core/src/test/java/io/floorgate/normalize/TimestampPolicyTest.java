package io.floorgate.normalize;

import static io.floorgate.normalize.Fixtures.CONNECTION;
import static io.floorgate.normalize.Fixtures.NOW;
import static io.floorgate.normalize.Fixtures.config;
import static io.floorgate.normalize.Fixtures.tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.floorgate.config.TimestampPolicy;
import io.floorgate.driver.Sample;
import io.floorgate.driver.Status;
import io.floorgate.reading.Reading;
import io.floorgate.reading.TimestampSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

class TimestampPolicyTest {

  private static final String TAG = "rhk01/zone03/temperature";
  private static final Instant RECEIVED = NOW.minusMillis(5);

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger chooserLog = (Logger) LoggerFactory.getLogger(TimestampChooser.class);

  @BeforeEach
  void captureLog() {
    log.start();
    chooserLog.addAppender(log);
  }

  @AfterEach
  void releaseLog() {
    chooserLog.detachAppender(log);
  }

  /** Times: seconds from the gateway clock, CLOCK_RESET for 2000-01-01, or empty for none. */
  @ParameterizedTest(name = "prefer {0}, source {1}, server {2} -> {3}")
  @CsvSource({
      "SOURCE,  -1,          -0.5,        SOURCE",
      "SOURCE,  CLOCK_RESET, -0.5,        SERVER",
      "SOURCE,  3600,        -0.5,        SERVER",
      "SOURCE,  ,            -0.5,        SERVER",
      "SOURCE,  CLOCK_RESET, CLOCK_RESET, GATEWAY",
      "SOURCE,  3600,        3600,        GATEWAY",
      "SOURCE,  ,            ,            GATEWAY",
      "SOURCE,  300,         -0.5,        SOURCE",
      "SOURCE,  301,         -0.5,        SERVER",
      "SERVER,  -1,          -0.5,        SERVER",
      "SERVER,  -1,          CLOCK_RESET, GATEWAY",
      "SERVER,  -1,          ,            GATEWAY",
      "GATEWAY, -1,          -0.5,        GATEWAY",
  })
  void timestampFallsBackWhenTheClockIsImplausible(TimestampSource preferred,
      @Nullable String source, @Nullable String server, TimestampSource expected) {
    TimestampPolicy policy = new TimestampPolicy(preferred, TimestampPolicy.DEFAULT_NOT_BEFORE,
        Duration.ofMinutes(5));
    Normalizer normalizer = new Normalizer(config(policy, tag(TAG)), Fixtures.CLOCK);
    Instant sourceTime = time(source);
    Instant serverTime = time(server);

    Reading reading = normalizer.normalize(
        new Sample(CONNECTION, TAG, 750.0, Status.GOOD, sourceTime, serverTime, RECEIVED))
        .orElseThrow();

    assertEquals(expected, reading.timestampSource());
    Instant expectedTime = switch (expected) {
      case SOURCE -> sourceTime;
      case SERVER -> serverTime;
      case GATEWAY -> RECEIVED;
    };
    assertEquals(expectedTime, reading.timestamp());
    // The PLC's own time is kept as sent, believed or not, for diagnosis.
    assertEquals(sourceTime, reading.sourceTime());
    assertEquals(RECEIVED, reading.gatewayTime());
  }

  @Test
  void implausiblePlcClockIsWarnedOncePerIntervalNamingConnectionAndTime() {
    MutableClock clock = new MutableClock(NOW);
    Normalizer normalizer =
        new Normalizer(config(TimestampPolicy.defaults(), tag(TAG)), clock);
    Instant reset = Instant.parse("2000-01-01T00:00:07Z");

    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofSeconds(1));
      normalizer.normalize(new Sample(CONNECTION, TAG, 700.0 + i, Status.GOOD, reset.plusSeconds(i),
          clock.instant(), clock.instant()));
    }
    assertEquals(1, warnings().size());
    String message = warnings().get(0).getFormattedMessage();
    assertTrue(message.contains(CONNECTION), message);
    assertTrue(message.contains("2000-01-01T00:00:07Z"), message);

    clock.advance(TimestampChooser.WARN_INTERVAL);
    normalizer.normalize(new Sample(CONNECTION, TAG, 800.0, Status.GOOD, reset,
        clock.instant(), clock.instant()));
    assertEquals(2, warnings().size());
  }

  @Test
  void missingSourceTimeIsNotWarned() {
    Normalizer normalizer =
        new Normalizer(config(TimestampPolicy.defaults(), tag(TAG)), Fixtures.CLOCK);

    normalizer.normalize(new Sample(CONNECTION, TAG, 1.0, Status.GOOD, null, NOW, NOW));

    assertEquals(List.of(), warnings());
  }

  private List<ILoggingEvent> warnings() {
    return log.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
  }

  private static @Nullable Instant time(@Nullable String offset) {
    if (offset == null) {
      return null;
    }
    if (offset.equals("CLOCK_RESET")) {
      return Instant.parse("2000-01-01T00:00:00Z");
    }
    return NOW.plusMillis(Math.round(Double.parseDouble(offset) * 1000));
  }

  /** A clock the test moves by hand, so the warning interval can pass without waiting. */
  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
