package io.floorgate.notify;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floorgate.alarm.AlarmJson;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The webhook receiver against a real HTTP server: body, idempotency key, signature, retry. */
@Timeout(60)
class WebhookNotificationTest {

  private static final String SECRET = "2b7e151628aed2a6abf7158809cf4f3c";

  @TempDir
  Path dir;

  private static String section(HookServer hook) {
    return """
        notifications:
          statusUrl: http://edge-01:8080/
          outbox: { file: OUTBOX }
          group: 0s
          receivers:
            - { name: cmms, type: webhook, url: "%s", hmacSecret: "${HOOK_SECRET}" }
          routes:
            - { match: { priority: high }, receiver: cmms }
        """.formatted(hook.url());
  }

  @Test
  void aRaisedAlarmIsPostedWithItsIdempotencyKeyAndAValidSignature() throws Exception {
    try (HookServer hook = new HookServer(0);
        NotifyFixture plant = new NotifyFixture(dir, section(hook),
            Map.of("HOOK_SECRET", SECRET))) {
      plant.raise();
      await().atMost(Duration.ofSeconds(10)).until(() -> hook.requests.size() == 1);
      HookServer.Request request = hook.requests.get(0);
      JsonNode body = AlarmJson.MAPPER.readTree(request.body());
      assertEquals("raised", body.get("kind").asText());
      assertEquals(body.get("id").asText(), request.header("Idempotency-Key"));
      assertEquals(plant.alarm().lastEventId(), body.get("id").asText());
      assertEquals("cmms", body.get("receiver").asText());
      assertEquals("http://edge-01:8080/", body.get("statusUrl").asText());
      assertEquals(NotifyFixture.ALARM_ID, body.get("alarm").get("id").asText());
      assertEquals(812.5, body.get("alarm").get("value").asDouble());
      assertEquals("sha256=" + WebhookDelivery.hmac(SECRET,
          request.body().getBytes(StandardCharsets.UTF_8)), request.header("X-Floorgate-Signature"));
    }
  }

  @Test
  void aServerErrorIsRetriedWithTheSameKeyUntilAccepted() throws Exception {
    try (HookServer hook = new HookServer(2);
        NotifyFixture plant = new NotifyFixture(dir, section(hook),
            Map.of("HOOK_SECRET", SECRET))) {
      plant.raise();
      await().atMost(Duration.ofSeconds(20)).until(() -> hook.requests.size() == 3);
      assertEquals(1, hook.requests.stream().map(r -> r.header("Idempotency-Key")).distinct()
          .count());
      await().atMost(Duration.ofSeconds(5)).until(() -> plant.notify.statusSections().get(0)
          .rows().get(0).get(2).equals("0"));
      assertTrue(plant.notify.statusSections().get(0).rows().get(0).get(6).contains("HTTP 500"));
    }
  }

  @Test
  void deliveriesAndPendingNotificationsAreMetered() throws Exception {
    try (HookServer hook = new HookServer(1);
        NotifyFixture plant = new NotifyFixture(dir, section(hook),
            Map.of("HOOK_SECRET", SECRET))) {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      plant.notify.bindTo(registry);
      plant.raise();
      await().atMost(Duration.ofSeconds(15)).until(() -> registry.get(
          "floorgate.notify.deliveries").tags("receiver", "cmms", "result", "delivered")
          .functionCounter().count() == 1);
      assertEquals(1, registry.get("floorgate.notify.deliveries")
          .tags("receiver", "cmms", "result", "failed").functionCounter().count());
      assertEquals(0, registry.get("floorgate.notify.deliveries")
          .tags("receiver", "cmms", "result", "dropped").functionCounter().count());
      assertEquals(0, registry.get("floorgate.notify.pending").tags("receiver", "cmms").gauge()
          .value());
    }
  }

  @Test
  void aClearedAlarmIsPostedAsCleared() throws Exception {
    try (HookServer hook = new HookServer(0);
        NotifyFixture plant = new NotifyFixture(dir, section(hook),
            Map.of("HOOK_SECRET", SECRET))) {
      plant.raise();
      plant.clear();
      await().atMost(Duration.ofSeconds(10)).until(() -> hook.requests.size() == 2);
      assertEquals("cleared", AlarmJson.MAPPER.readTree(hook.requests.get(1).body())
          .get("kind").asText());
    }
  }
}
