package io.floorgate.alarm;

import io.floorgate.config.AlarmKind;
import io.floorgate.config.AlarmPriority;
import io.floorgate.config.AlarmRuleConfig;
import io.floorgate.driver.ConditionEvent;
import java.time.Duration;
import java.util.Locale;

/**
 * PLC conditions as alarms of the same model: id {@code area.connection.conditions.name} (an
 * {@link AlarmId} of origin CONDITION), path
 * {@code enterprise/site/area/connection/conditions/name}, priority from the PLC's severity.
 */
final class ConditionRules {

  /** What the Acknowledge call on the PLC needs. */
  record PlcAck(String connection, String conditionId, String eventId) {}

  private ConditionRules() {}

  static String level(ConditionEvent e) {
    String level = e.conditionName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-")
        .replaceAll("^-+|-+$", "");
    return level.isEmpty() ? "condition" : level;
  }

  static AlarmId id(String area, ConditionEvent e) {
    return AlarmId.condition(area, e.connection(), level(e));
  }

  static AlarmRule rule(String root, String area, ConditionEvent e) {
    String below = e.connection() + "/" + AlarmId.CONDITIONS + "/" + level(e);
    String source = e.sourceName().isBlank() ? e.connection() : e.sourceName();
    AlarmRuleConfig config = new AlarmRuleConfig(area + "/" + below, AlarmKind.CONDITION,
        level(e), null, 0.0, Duration.ZERO, Duration.ZERO, AlarmPriority.ofSeverity(e.severity()),
        e.message().isBlank() ? source + " " + e.conditionName() : e.message(), null, null, null,
        true);
    return new AlarmRule(id(area, e), root + "/" + area + "/" + below, e.connection(),
        root + "/" + area + "/" + e.connection(), null, null, null, null, config);
  }
}
