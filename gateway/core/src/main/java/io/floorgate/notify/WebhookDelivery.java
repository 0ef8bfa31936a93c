package io.floorgate.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.floorgate.alarm.AlarmJson;
import io.floorgate.config.ReceiverConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Posts each notification as JSON to a URL (a CMMS, a chat tool's incoming hook), one request per
 * notification, each with its id as {@code Idempotency-Key} so that a retry after a lost answer
 * is recognized. The body:
 * <pre>{@code
 * {"id": "…", "kind": "raised|cleared|repeated|escalated", "time": "…ISO-8601…",
 *  "receiver": "cmms", "statusUrl": "http://…/", "alarm": { the alarm as on /api/alarms }}
 * }</pre>
 * With {@code bearer} an {@code Authorization: Bearer} header is sent; with {@code hmacSecret}
 * {@code X-Floorgate-Signature: sha256=<hex HMAC-SHA256 of the body>}.
 */
final class WebhookDelivery implements Delivery {

  static final String SIGNATURE = "X-Floorgate-Signature";
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final ReceiverConfig receiver;
  private final @Nullable URI statusUrl;
  private final HttpPost http;

  WebhookDelivery(ReceiverConfig receiver, @Nullable URI statusUrl) {
    this.receiver = receiver;
    this.statusUrl = statusUrl;
    this.http = new HttpPost("Webhook receiver " + receiver.name() + " (" + receiver.url() + ")");
  }

  @Override
  public void deliver(List<Notice> notices) throws DeliveryException {
    // One by one, oldest first: a retry repeats only those not yet accepted by the caller's
    // bookkeeping, and each keeps its own idempotency key.
    for (Notice n : notices) {
      byte[] body = body(n);
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put(IDEMPOTENCY_KEY, n.id());
      if (receiver.bearer() != null) {
        headers.put("Authorization", "Bearer " + receiver.bearer());
      }
      if (receiver.hmacSecret() != null) {
        headers.put(SIGNATURE, "sha256=" + hmac(receiver.hmacSecret(), body));
      }
      http.post(receiver.url(), body, headers);
    }
  }

  private byte[] body(Notice n) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", n.id());
    json.put("kind", n.kind().word());
    json.put("time", n.time());
    json.put("receiver", receiver.name());
    json.put("statusUrl", statusUrl == null ? null : statusUrl.toString());
    json.put("alarm", n.alarm());
    try {
      return AlarmJson.MAPPER.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a notice that is not JSON: " + e.getMessage(), e);
    }
  }

  /** HMAC-SHA256 of {@code body} under {@code secret}, in lowercase hex. */
  static String hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
