package io.floorgate.alarm;

import static io.floorgate.alarm.AlarmFixtures.clock;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.maintenance.CounterView;
import io.floorgate.reading.Quality;
import io.floorgate.reading.Reading;
import io.floorgate.testkit.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Counter values survive a restart of the engine, and a damaged file is set aside. */
@Timeout(30)
class MaintenanceRestartTest {

  static final String RULES = "    - { tag: mixing/mx01/running, type: runHours, interval: 100 }\n"
      + "    - { tag: mixing/mx01/starts, type: count, interval: 5000 }\n";

  @TempDir
  Path dir;
  final MutableClock clock = clock();

  AlarmEngine engine(String rules) throws Exception {
    String yaml = MaintenanceCounterTest.PLANT.replace("  rules:\n", "  stateFile: "
        + dir.resolve("alarms.json") + "\n  rules:\n") + rules;
    AlarmEngine engine = new AlarmEngine(io.floorgate.config.ConfigLoader.parse(yaml,
        "maintenance-test.yaml", java.util.Map.of()), clock, 100);
    engine.start();
    return engine;
  }

  Reading reading(String tag, Object value) {
    return new Reading("mixer", "jxnmm/isohara/mixing/mx01/" + tag, value, null, Quality.GOOD,
        io.floorgate.driver.Status.GOOD, clock.instant(), clock.instant(),
        io.floorgate.reading.TimestampSource.SOURCE, clock.instant());
  }

  static double value(AlarmEngine engine, String id) {
    return engine.counters().stream().filter(c -> c.id().equals(id)).findFirst()
        .map(CounterView::value).orElse(-1.0);
  }

  @Test
  void runHoursAndCountsSurviveARestart() throws Exception {
    AlarmEngine first = engine(RULES);
    first.offer(reading("running", true));
    first.offer(reading("starts", 40));
    first.offer(reading("starts", 47));
    await().atMost(Duration.ofSeconds(10)).until(() -> value(first, "mixing.mx01.starts.count")
        == 7.0);
    clock.advance(Duration.ofMinutes(90));
    await().atMost(Duration.ofSeconds(10)).until(() -> value(first,
        "mixing.mx01.running.run-hours") == 1.5);
    first.close();
    assertTrue(Files.exists(dir.resolve("alarms-maintenance.json")));

    AlarmEngine second = engine(RULES);
    try {
      assertEquals(1.5, value(second, "mixing.mx01.running.run-hours"), 1e-9);
      assertEquals(7.0, value(second, "mixing.mx01.starts.count"));
      // The PLC counted on while the gateway was down: those starts count too.
      second.offer(reading("starts", 50));
      await().atMost(Duration.ofSeconds(10)).until(() -> value(second,
          "mixing.mx01.starts.count") == 10.0);
    } finally {
      second.close();
    }
  }

  @Test
  void aResetIsKeptAcrossARestart() throws Exception {
    AlarmEngine first = engine(RULES);
    first.offer(reading("starts", 1));
    first.offer(reading("starts", 9));
    await().atMost(Duration.ofSeconds(10)).until(() -> value(first, "mixing.mx01.starts.count")
        == 8.0);
    first.resetCounter("mixing.mx01.starts.count", "sato", "gearbox overhauled")
        .get(10, TimeUnit.SECONDS);
    first.close();

    AlarmEngine second = engine(RULES);
    try {
      CounterView view = second.counters().get(1);
      assertEquals(0.0, view.value());
      assertEquals("sato", view.lastResetBy());
      assertEquals("gearbox overhauled", view.comment());
      assertEquals(clock.instant(), view.lastResetAt());
    } finally {
      second.close();
    }
  }

  @Test
  void damagedCounterFileIsSetAsideAndCountersStartFromZero() throws Exception {
    Files.writeString(dir.resolve("alarms-maintenance.json"), "{ \"mixing.mx01.starts.count\": ");
    AlarmEngine engine = engine(RULES);
    try {
      assertEquals(0.0, value(engine, "mixing.mx01.starts.count"));
      try (Stream<Path> files = Files.list(dir)) {
        List<String> names = files.map(p -> p.getFileName().toString()).toList();
        assertTrue(names.stream().anyMatch(n -> n.startsWith("alarms-maintenance.json.damaged-")),
            names::toString);
        assertTrue(!names.contains("alarms-maintenance.json"), names::toString);
      }
    } finally {
      engine.close();
    }
  }

  @Test
  void reloadKeepsTheCountersWhoseRuleRemains() throws Exception {
    AlarmEngine engine = engine(RULES);
    try {
      engine.offer(reading("starts", 1));
      engine.offer(reading("starts", 4));
      await().atMost(Duration.ofSeconds(10)).until(() -> value(engine,
          "mixing.mx01.starts.count") == 3.0);
      String yaml = MaintenanceCounterTest.PLANT + "    - { tag: mixing/mx01/starts, type: count, "
          + "interval: 4000 }\n";
      engine.reload(io.floorgate.config.ConfigLoader.parse(yaml, "next.yaml", java.util.Map.of()))
          .get(10, TimeUnit.SECONDS);
      assertEquals(List.of("mixing.mx01.starts.count"),
          engine.counters().stream().map(CounterView::id).toList());
      assertEquals(3.0, engine.counters().get(0).value());
      assertEquals(4000.0, engine.counters().get(0).interval());
    } finally {
      engine.close();
    }
  }
}
