package io.floorgate.notify;

import static org.awaitility.Awaitility.await;

import io.floorgate.alarm.Alarm;
import io.floorgate.alarm.AlarmEngine;
import io.floorgate.config.ConfigLoader;
import io.floorgate.config.GatewayConfig;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import io.floorgate.reading.TimestampSource;
import io.floorgate.driver.Status;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A real alarm engine with one rule (kiln zone 5 above 800 °C, high) and the notify output of a
 * {@code notifications:} section, for tests that raise, acknowledge and clear through the engine.
 */
final class NotifyFixture implements AutoCloseable {

  static final String ALARM_ID = "calcination.rhk01.zone05.temperature.hi";
  static final String PLANT = """
      namespace: { enterprise: jxnmm, site: isohara }
      mqtt: { url: tcp://127.0.0.1:1883, clientId: notify-test }
      connections:
        - name: kiln
          endpoint: opc.tcp://127.0.0.1:4841/kiln
          area: calcination
          groups:
            - name: all
              tags:
                - { path: rhk01/zone05/temperature, node: ns=2;s=T, unit: °C }
      alarms:
        rules:
          - tag: calcination/rhk01/zone05/temperature
            type: hi
            limit: 800
            priority: high
            message: RHK01 zone 5 temperature above 800 °C
      """;

  final AlarmEngine engine;
  final NotifyOutput notify;

  /**
   * @param notifications the {@code notifications:} section, without {@code outbox.file}
   * @param env           the environment for {@code ${VAR}}
   */
  NotifyFixture(Path dir, String notifications, Map<String, String> env) throws Exception {
    GatewayConfig config = ConfigLoader.parse(PLANT + notifications.replace("OUTBOX",
        dir.resolve("outbox.mv").toString()), "notify-test.yaml", env);
    engine = new AlarmEngine(config, Clock.systemUTC(), 1000);
    notify = NotifyOutput.of(config.notifications(), engine, Clock.systemUTC());
    engine.start();
    notify.start();
  }

  /** Sends a temperature through the engine. */
  void temperature(double value) {
    Instant now = Instant.now();
    engine.offer(new Reading("kiln", "jxnmm/isohara/calcination/rhk01/zone05/temperature",
        value, "°C", Quality.GOOD, Status.GOOD, now, now, TimestampSource.SOURCE, now));
  }

  void raise() {
    temperature(812.5);
    await().atMost(Duration.ofSeconds(10)).until(() -> alarm().active());
  }

  void clear() {
    temperature(700);
    await().atMost(Duration.ofSeconds(10)).until(() -> !alarm().active());
  }

  void acknowledge() throws Exception {
    engine.acknowledge(ALARM_ID, "operator", "on it").get();
  }

  Alarm alarm() {
    return engine.alarm(ALARM_ID);
  }

  @Override
  public void close() {
    notify.close();
    engine.close();
  }
}
