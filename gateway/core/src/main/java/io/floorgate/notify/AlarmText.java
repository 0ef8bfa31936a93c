package io.floorgate.notify;

import io.floorgate.alarm.Alarm;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Notifications as text a technician reads on a phone: a subject that says what and how bad,
 * a body of short labelled lines (what, where, value, limit, since when, priority, class) and
 * the status page link.
 */
final class AlarmText {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss z", Locale.ROOT);

  private final ZoneId zone;
  private final @Nullable URI statusUrl;

  AlarmText(ZoneId zone, @Nullable URI statusUrl) {
    this.zone = zone;
    this.statusUrl = statusUrl;
  }

  /** {@code [HIGH] RHK01 zone 5 temperature above 800 °C — raised}; a group names its count. */
  String subject(List<Notice> notices) {
    Notice first = notices.get(0);
    String one = "[" + first.alarm().priority() + "] " + first.alarm().message() + " — "
        + what(first);
    if (notices.size() == 1) {
      return one;
    }
    String top = notices.stream().map(n -> n.alarm().priority())
        .max(Enum::compareTo).orElseThrow().toString();
    return "[" + top + "] " + notices.size() + " alarm notifications: "
        + first.alarm().message() + " — " + what(first) + ", and " + (notices.size() - 1)
        + " more";
  }

  /** Every notice of the group, one block each, then the status page. */
  String body(List<Notice> notices) {
    StringBuilder text = new StringBuilder();
    for (Notice n : notices) {
      if (!text.isEmpty()) {
        text.append("\n----\n\n");
      }
      block(text, n);
    }
    if (statusUrl != null) {
      text.append("\nStatus page: ").append(statusUrl).append('\n');
    }
    return text.toString();
  }

  private void block(StringBuilder text, Notice n) {
    Alarm a = n.alarm();
    text.append(a.message()).append('\n');
    text.append(what(n)).append(" at ").append(time(n.time())).append("\n\n");
    line(text, "Where", a.path());
    line(text, "Tag", a.tag());
    line(text, "Value", measure(a.value(), a.unit()));
    line(text, "Limit", measure(a.limit(), a.unit()));
    line(text, "Since", a.raisedAt() == null ? null : time(a.raisedAt()));
    line(text, "Priority", a.priority().name().toLowerCase(Locale.ROOT));
    line(text, "Class", a.alarmClass() == null ? null : a.alarmClass().word());
    line(text, "State", (a.active() ? "active" : "cleared") + (a.acked()
        ? ", acknowledged by " + a.ackedBy() : ", not acknowledged"));
  }

  /** What happened, in words: {@code raised}, {@code cleared}, …. */
  static String what(Notice n) {
    return switch (n.kind()) {
      case RAISED -> "raised";
      case CLEARED -> "cleared";
      case REPEATED -> "still active, not acknowledged";
      case ESCALATED -> "not acknowledged, escalated";
      case STATE -> n.alarm().state().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    };
  }

  /** A value with its unit, numbers as the gateway writes them. */
  static @Nullable String measure(@Nullable Object value, @Nullable String unit) {
    if (value == null) {
      return null;
    }
    String number = value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15
        ? String.valueOf(d.longValue()) : String.valueOf(value);
    return unit == null || unit.isEmpty() ? number : number + " " + unit;
  }

  String time(Instant instant) {
    return TIME.format(instant.atZone(zone));
  }

  private static void line(StringBuilder text, String label, @Nullable String value) {
    if (value != null) {
      text.append(label).append(": ").append(value).append('\n');
    }
  }
}
