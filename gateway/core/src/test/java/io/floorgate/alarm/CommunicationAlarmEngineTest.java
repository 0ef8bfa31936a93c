package io.floorgate.alarm;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floorgate.config.GatewayConfig;
import io.floorgate.driver.LinkState;
import io.floorgate.testkit.MutableClock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Link changes reach the engine from the drivers' threads ({@link AlarmEngine#linkChanged}) and
 * its thread takes them at the next tick; a reload keeps the communication alarm's state and
 * learns the links again.
 */
class CommunicationAlarmEngineTest {

  static final String COMMUNICATION = "calcination.kiln.communication";
  static final Duration WAIT = Duration.ofSeconds(10);

  final MutableClock clock = AlarmFixtures.clock();
  GatewayConfig config;
  AlarmEngine engine;

  @BeforeEach
  void start() throws Exception {
    config = AlarmFixtures.config("""
            - { tag: calcination/k/temp, type: bad-quality }
        """, "  communication: { onDelay: 5s }\n");
    engine = new AlarmEngine(config, clock, 100);
    engine.start();
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  void downForSixSeconds() {
    engine.linkChanged("kiln", LinkState.DISCONNECTED);
    // The engine takes the link at its next tick; the on-delay counts from there.
    await().atMost(WAIT).until(() -> engine.alarm("calcination.k.temp.bad-quality").state()
        == AlarmState.SUPPRESSED);
    clock.advance(Duration.ofSeconds(6));
  }

  @Test
  void linkDownLongerThanTheOnDelayRaisesAndLinkUpClears() {
    downForSixSeconds();
    await().atMost(WAIT).until(() -> engine.alarm(COMMUNICATION).state() == AlarmState.UNACKED);

    engine.linkChanged("kiln", LinkState.CONNECTED);

    await().atMost(WAIT).until(() -> engine.alarm(COMMUNICATION).state()
        == AlarmState.RTN_UNACKED);
  }

  @Test
  void reloadKeepsTheCommunicationAlarmAndTheSuppression() throws Exception {
    downForSixSeconds();
    await().atMost(WAIT).until(() -> engine.alarm(COMMUNICATION).state() == AlarmState.UNACKED);

    engine.reload(config).get(10, TimeUnit.SECONDS);
    clock.advance(Duration.ofSeconds(1));

    await().atMost(WAIT).until(() -> engine.alarm("calcination.k.temp.bad-quality").state()
        == AlarmState.SUPPRESSED);
    assertEquals(AlarmState.UNACKED, engine.alarm(COMMUNICATION).state());
  }
}
