package io.floorgate.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.floorgate.alarm.Alarm;
import io.floorgate.alarm.AlarmJson;
import io.floorgate.alarm.AlarmState;
import io.floorgate.config.ReceiverConfig;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Pushes alerts to Prometheus Alertmanager ({@code POST /api/v2/alerts}, a JSON array): a raised
 * alarm is an alert with {@code startsAt} at the raise; a cleared one gets {@code endsAt}. While an
 * alarm is active its alert is sent again every {@code resendEvery} (below Alertmanager's
 * {@code resolve_timeout}), so that it does not resolve by itself. Shelving, suppression or
 * taking it out of service resolves the alert; their end fires it again while still active. Labels come from the alarm's
 * ISA-95 path, class and priority, so Alertmanager's routes, silences and inhibitions can use them.
 */
final class AlertmanagerDelivery implements Delivery {

  private final URI endpoint;
  private final Duration resendEvery;
  private final @Nullable URI statusUrl;
  private final AlarmText text;
  private final HttpPost http;
  /** The alarms Alertmanager must keep hearing of, by id; only on the sender's thread. */
  private final Map<String, Alarm> active = new LinkedHashMap<>();

  AlertmanagerDelivery(ReceiverConfig receiver, @Nullable URI statusUrl, AlarmText text) {
    String base = receiver.url().toString();
    this.endpoint = URI.create((base.endsWith("/") ? base : base + "/") + "api/v2/alerts");
    this.resendEvery = receiver.resendEvery();
    this.statusUrl = statusUrl;
    this.text = text;
    this.http = new HttpPost("Alertmanager receiver " + receiver.name() + " (" + base + ")");
  }

  @Override
  public synchronized void deliver(List<Notice> notices) throws DeliveryException {
    Map<String, Map<String, Object>> alerts = new LinkedHashMap<>();
    for (Notice n : notices) {
      // The latest notice of an alarm tells its state; earlier ones of the group are history.
      alerts.put(n.alarm().id(), alert(n.alarm(), firing(n) ? null : n.time()));
    }
    post(new ArrayList<>(alerts.values()));
    for (Notice n : notices) {
      if (firing(n)) {
        active.put(n.alarm().id(), n.alarm());
      } else {
        active.remove(n.alarm().id());
      }
    }
  }

  @Override
  public synchronized void refresh() throws DeliveryException {
    if (!active.isEmpty()) {
      post(active.values().stream().map(a -> alert(a, null)).toList());
    }
  }

  @Override
  public Duration refreshEvery() {
    return resendEvery;
  }

  @Override
  public synchronized void active(List<Alarm> alarms) {
    alarms.stream().filter(AlertmanagerDelivery::firing).forEach(a -> active.put(a.id(), a));
  }

  @Override
  public boolean mirrorsState() {
    return true;
  }

  /**
   * Whether the alert fires: the alarm is active and annunciated. A shelved, suppressed or
   * out-of-service alarm is resolved in Alertmanager, as it is off the operators' list here.
   */
  private static boolean firing(Notice n) {
    return n.kind() != Notice.Kind.CLEARED && firing(n.alarm());
  }

  private static boolean firing(Alarm a) {
    return a.active() && a.state() != AlarmState.SHELVED && a.state() != AlarmState.SUPPRESSED
        && a.state() != AlarmState.OUT_OF_SERVICE;
  }

  private void post(List<Map<String, Object>> alerts) throws DeliveryException {
    try {
      http.post(endpoint, AlarmJson.MAPPER.writeValueAsBytes(alerts), Map.of());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("alerts that are not JSON: " + e.getMessage(), e);
    }
  }

  /** One alert of Alertmanager's API v2 ({@code postableAlert}). */
  Map<String, Object> alert(Alarm a, @Nullable Instant endsAt) {
    Map<String, Object> alert = new LinkedHashMap<>();
    alert.put("labels", labels(a));
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put("summary", a.message());
    annotations.put("description", description(a));
    alert.put("annotations", annotations);
    alert.put("startsAt", (a.raisedAt() == null ? a.gatewayTime() == null ? Instant.now()
        : a.gatewayTime() : a.raisedAt()).toString());
    if (endsAt != null) {
      alert.put("endsAt", endsAt.toString());
    }
    if (statusUrl != null) {
      alert.put("generatorURL", statusUrl.toString());
    }
    return alert;
  }

  /**
   * {@code alertname} (the rule's kind, e.g. {@code hi}, {@code disagreement}), {@code rule} (its
   * name), {@code alarm_id}, {@code enterprise}, {@code site}, {@code area}, {@code equipment},
   * {@code tag} (the tag's ISA-95 path), {@code class}, {@code priority}, {@code severity}.
   */
  static Map<String, String> labels(Alarm a) {
    String[] levels = a.path().split("/");
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("alertname", a.type().word());
    labels.put("rule", levels[levels.length - 1]);
    labels.put("alarm_id", a.id());
    labels.put("enterprise", level(levels, 0));
    labels.put("site", level(levels, 1));
    labels.put("area", level(levels, 2));
    labels.put("equipment", level(levels, 3));
    labels.put("tag", a.tag());
    labels.put("class", a.alarmClass() == null ? "process" : a.alarmClass().word());
    labels.put("priority", a.priority().name().toLowerCase(Locale.ROOT));
    labels.put("severity", String.valueOf(a.severity()));
    labels.values().removeIf(String::isEmpty);
    return labels;
  }

  private String description(Alarm a) {
    List<String> parts = new ArrayList<>();
    String value = AlarmText.measure(a.value(), a.unit());
    String limit = AlarmText.measure(a.limit(), a.unit());
    if (value != null) {
      parts.add("value " + value);
    }
    if (limit != null) {
      parts.add("limit " + limit);
    }
    if (a.raisedAt() != null) {
      parts.add("since " + text.time(a.raisedAt()));
    }
    return a.message() + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
  }

  private static String level(String[] levels, int i) {
    return i < levels.length - 1 ? levels[i] : "";
  }
}
