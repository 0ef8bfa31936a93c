package io.floorgate.notify;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floorgate.alarm.AlarmJson;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Escalation to a second receiver when an alarm stays unacknowledged, and not when acknowledged. */
@Timeout(60)
class EscalationTest {

  @TempDir
  Path dir;

  private static String section(HookServer first, HookServer lead) {
    return """
        notifications:
          outbox: { file: OUTBOX }
          group: 0s
          receivers:
            - { name: operators, type: webhook, url: "%s" }
            - { name: shift-lead, type: webhook, url: "%s" }
          routes:
            - match: { priority: high }
              receiver: operators
              escalate: { after: 2s, to: shift-lead }
        """.formatted(first.url(), lead.url());
  }

  @Test
  void anAlarmNotAcknowledgedInTimeReachesTheEscalationReceiver() throws Exception {
    try (HookServer operators = new HookServer(0); HookServer lead = new HookServer(0);
        NotifyFixture plant = new NotifyFixture(dir, section(operators, lead), Map.of())) {
      plant.raise();
      await().atMost(Duration.ofSeconds(10)).until(() -> lead.requests.size() == 1);
      assertEquals("escalated", AlarmJson.MAPPER.readTree(lead.requests.get(0).body())
          .get("kind").asText());
      assertEquals(1, operators.requests.size());
    }
  }

  @Test
  void anAlarmAcknowledgedInTimeIsNotEscalated() throws Exception {
    try (HookServer operators = new HookServer(0); HookServer lead = new HookServer(0);
        NotifyFixture plant = new NotifyFixture(dir, section(operators, lead), Map.of())) {
      plant.raise();
      plant.acknowledge();
      await().atMost(Duration.ofSeconds(10)).until(() -> operators.requests.size() == 1);
      // Past the escalation time with a margin: nothing may reach the shift lead.
      await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
          .until(() -> lead.requests.isEmpty());
    }
  }

  @Test
  void aRepeatIsSentWhileTheAlarmStaysUnacknowledged() throws Exception {
    try (HookServer operators = new HookServer(0); HookServer lead = new HookServer(0);
        NotifyFixture plant = new NotifyFixture(dir, section(operators, lead).replace(
            "receiver: operators\n", "receiver: operators\n      repeat: 1s\n"), Map.of())) {
      plant.raise();
      await().atMost(Duration.ofSeconds(10)).until(() -> operators.requests.size() >= 3);
      assertEquals("repeated", AlarmJson.MAPPER.readTree(operators.requests.get(1).body())
          .get("kind").asText());
    }
  }
}
