package io.floorgate.alarm;

import static io.floorgate.alarm.AlarmFixtures.reading;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.config.GatewayConfig;
import io.floorgate.reading.Quality;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Alarm state survives a restart of the engine: nothing acknowledged is raised again as new. */
@Timeout(30)
class AlarmRestartTest {

  static final String ID = "calcination.k.temp.hi";

  @TempDir
  Path dir;

  GatewayConfig config() throws Exception {
    return AlarmFixtures.config("    - { tag: calcination/k/temp, type: hi, limit: 100 }\n",
        "  stateFile: " + dir.resolve("state/alarms.json") + "\n");
  }

  AlarmEngine start(List<AlarmEvent> events) throws Exception {
    AlarmEngine engine = new AlarmEngine(config(), Clock.systemUTC(), 100);
    engine.addListener(events::add);
    engine.start();
    return engine;
  }

  @Test
  void acknowledgedAlarmIsNotRaisedAgainAfterRestart() throws Exception {
    List<AlarmEvent> before = new CopyOnWriteArrayList<>();
    AlarmEngine first = start(before);
    first.offer(reading("calcination/k/temp", 120.0, Quality.GOOD, Instant.now()));
    await().atMost(Duration.ofSeconds(10)).until(() -> before.size() == 1);
    first.acknowledge(ID, "tanaka", "burner checked").get(10, TimeUnit.SECONDS);
    first.close();
    assertTrue(Files.exists(dir.resolve("state/alarms.json")));

    List<AlarmEvent> after = new CopyOnWriteArrayList<>();
    AlarmEngine second = start(after);
    try {
      assertEquals(AlarmState.ACKED, second.alarm(ID).state());
      assertEquals("tanaka", second.alarm(ID).ackedBy());
      assertEquals(120.0, second.alarm(ID).value());
      // Still over the limit after the restart: the same acknowledged alarm, no new RAISE.
      second.offer(reading("calcination/k/temp", 121.0, Quality.GOOD, Instant.now()));
      second.offer(reading("calcination/k/temp", 90.0, Quality.GOOD, Instant.now()));
      await().atMost(Duration.ofSeconds(10)).until(() -> after.size() == 1);
      assertEquals(Transition.CLEAR, after.get(0).transition());
      assertEquals(AlarmState.NORMAL, second.alarm(ID).state());
    } finally {
      second.close();
    }
  }

  @Test
  void unreadableStateFileStartsEveryAlarmNormal() throws Exception {
    Files.createDirectories(dir.resolve("state"));
    Files.writeString(dir.resolve("state/alarms.json"), "{ not json");
    AlarmEngine engine = start(new CopyOnWriteArrayList<>());
    try {
      assertEquals(AlarmState.NORMAL, engine.alarm(ID).state());
    } finally {
      engine.close();
    }
  }
}
