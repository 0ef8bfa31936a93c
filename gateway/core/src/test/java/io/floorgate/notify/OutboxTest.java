package io.floorgate.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floorgate.alarm.Alarm;
import io.floorgate.alarm.AlarmState;
import io.floorgate.config.AlarmClass;
import io.floorgate.config.AlarmKind;
import io.floorgate.config.AlarmPriority;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox file: what waits survives a close and reopen; beyond its bound the oldest go. */
class OutboxTest {

  private static final Instant T0 = Instant.parse("2026-12-06T07:00:00Z");

  @TempDir
  Path dir;

  static Notice notice(int n) {
    Alarm alarm = new Alarm("calcination.rhk01.zone05.temperature.hi",
        "jxnmm/isohara/calcination/rhk01/zone05/temperature/hi",
        "jxnmm/isohara/calcination/rhk01/zone05/temperature", "kiln", AlarmKind.HI,
        AlarmClass.PROCESS, AlarmPriority.HIGH, 750, "RHK01 zone 5 temperature above 800 °C",
        800.0, "°C", AlarmState.UNACKED, true, false, 812.5, "GOOD", T0, null, T0, T0, null,
        null, null, null, null, "e" + n);
    return new Notice("e" + n, Notice.Kind.RAISED, T0.plusSeconds(n), alarm);
  }

  @Test
  void pendingNoticesSurviveCloseAndReopenInOrder() {
    Path file = dir.resolve("outbox.mv");
    try (Outbox outbox = Outbox.open(file, 100)) {
      for (int i = 1; i <= 3; i++) {
        outbox.add("am", notice(i));
      }
      outbox.remove("am", outbox.peek("am", 1));
    }
    try (Outbox outbox = Outbox.open(file, 100)) {
      List<Outbox.Entry> entries = outbox.peek("am", 10);
      assertEquals(List.of("e2", "e3"), entries.stream().map(e -> e.notice().id()).toList());
      assertEquals(notice(2), entries.get(0).notice());
      assertEquals(0, outbox.pending("mail"));
    }
  }

  @Test
  void beyondMaxEventsTheOldestAreDroppedAndCounted() {
    try (Outbox outbox = Outbox.open(dir.resolve("outbox.mv"), 10)) {
      for (int i = 1; i <= 15; i++) {
        outbox.add("am", notice(i));
      }
      assertEquals(10, outbox.pending("am"));
      assertEquals(5, outbox.dropped("am"));
      assertEquals("e6", outbox.peek("am", 1).get(0).notice().id());
    }
  }
}
