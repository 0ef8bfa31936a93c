package io.floorgate.notify;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floorgate.testkit.AlertmanagerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real Alertmanager receives a raised alarm with its labels, and resolves it on the clear. */
@Timeout(120)
class AlertmanagerNotificationIT {

  @TempDir
  Path dir;

  private static String section(AlertmanagerProcess am, String resendEvery) {
    return """
        notifications:
          statusUrl: http://edge-01:8080/
          outbox: { file: OUTBOX }
          group: 0s
          receivers:
            - { name: alertmanager, type: alertmanager, url: "%s", resendEvery: %s }
          routes:
            - { match: { priority: [high, urgent] }, receiver: alertmanager }
        """.formatted(am.url(), resendEvery);
  }

  @Test
  void aRaisedAlarmAppearsInAlertmanagerWithItsLabelsAndResolvesOnClear() throws Exception {
    try (AlertmanagerProcess am = AlertmanagerProcess.start(dir.resolve("am"));
        NotifyFixture plant = new NotifyFixture(dir, section(am, "1m"), Map.of())) {
      plant.raise();
      await().atMost(Duration.ofSeconds(15))
          .until(() -> am.alertsWith("alarm_id", NotifyFixture.ALARM_ID).size() == 1);
      JsonNode alert = am.alertsWith("alarm_id", NotifyFixture.ALARM_ID).get(0);
      JsonNode labels = alert.get("labels");
      assertEquals("hi", labels.get("alertname").asText());
      assertEquals("hi", labels.get("rule").asText());
      assertEquals("jxnmm", labels.get("enterprise").asText());
      assertEquals("isohara", labels.get("site").asText());
      assertEquals("calcination", labels.get("area").asText());
      assertEquals("rhk01", labels.get("equipment").asText());
      assertEquals("jxnmm/isohara/calcination/rhk01/zone05/temperature",
          labels.get("tag").asText());
      assertEquals("process", labels.get("class").asText());
      assertEquals("high", labels.get("priority").asText());
      assertEquals("750", labels.get("severity").asText());
      assertEquals("RHK01 zone 5 temperature above 800 °C",
          alert.get("annotations").get("summary").asText());
      assertTrue(alert.get("annotations").get("description").asText()
          .contains("value 812.5 °C, limit 800 °C"), alert.toString());
      assertEquals("http://edge-01:8080/", alert.get("generatorURL").asText());
      assertEquals("active", alert.get("status").get("state").asText());

      plant.clear();
      await().atMost(Duration.ofSeconds(15))
          .until(() -> am.alertsWith("alarm_id", NotifyFixture.ALARM_ID).isEmpty());
    }
  }

  @Test
  void aShelvedAlarmIsResolvedInAlertmanagerAndFiresAgainWhenUnshelved() throws Exception {
    try (AlertmanagerProcess am = AlertmanagerProcess.start(dir.resolve("am"));
        NotifyFixture plant = new NotifyFixture(dir, section(am, "1m"), Map.of())) {
      plant.raise();
      await().atMost(Duration.ofSeconds(15))
          .until(() -> am.alertsWith("alarm_id", NotifyFixture.ALARM_ID).size() == 1);
      plant.engine.shelve(NotifyFixture.ALARM_ID, "operator", Duration.ofHours(1), "sensor")
          .get();
      await().atMost(Duration.ofSeconds(15))
          .until(() -> am.alertsWith("alarm_id", NotifyFixture.ALARM_ID).isEmpty());
      plant.engine.unshelve(NotifyFixture.ALARM_ID, "operator", null).get();
      await().atMost(Duration.ofSeconds(15))
          .until(() -> am.alertsWith("alarm_id", NotifyFixture.ALARM_ID).size() == 1);
    }
  }

  @Test
  void anActiveAlarmIsSentAgainSoAlertmanagerKeepsItAcrossItsRestart() throws Exception {
    try (AlertmanagerProcess am = AlertmanagerProcess.start(dir.resolve("am"));
        NotifyFixture plant = new NotifyFixture(dir, section(am, "2s"), Map.of())) {
      plant.raise();
      await().atMost(Duration.ofSeconds(15))
          .until(() -> am.alertsWith("alarm_id", NotifyFixture.ALARM_ID).size() == 1);
      // Alertmanager keeps silences across a restart, not alerts: only a resend brings it back.
      am.stop();
      am.start();
      await().atMost(Duration.ofSeconds(30))
          .until(() -> am.alertsWith("alarm_id", NotifyFixture.ALARM_ID).size() == 1);
      assertEquals(List.of(), am.alertsWith("alarm_id", "nothing-else"));
    }
  }
}
