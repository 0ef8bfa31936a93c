package io.floorgate.alarm;

import io.floorgate.config.AlarmClass;
import io.floorgate.config.AlarmKind;
import io.floorgate.config.AlarmRuleConfig;
import io.floorgate.config.AlarmsConfig;
import io.floorgate.config.CommunicationConfig;
import io.floorgate.config.ConnectionConfig;
import io.floorgate.config.GatewayConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The communication alarm of each PLC connection, generated from {@code alarms.communication}
 * (never a configured rule): id {@code area.connection.communication}, path
 * {@code enterprise/site/area/connection/communication}, source tag the connection's own path
 * {@code enterprise/site/area/connection}, class process. Its condition is the link being down,
 * fed by {@link LinkWatch}, not a tag's readings.
 */
final class CommunicationRules {

  static final String NAME = "communication";

  private CommunicationRules() {}

  /** One rule per connection; none when communication alarms are off or there are no alarms. */
  static List<AlarmRule> of(GatewayConfig config) {
    AlarmsConfig alarms = config.alarms();
    if (alarms == null || !alarms.communication().enabled()) {
      return List.of();
    }
    CommunicationConfig c = alarms.communication();
    String root = config.namespace().root();
    List<AlarmRule> rules = new ArrayList<>();
    for (ConnectionConfig connection : config.connections()) {
      String below = connection.name() + "/" + NAME;
      AlarmRuleConfig rule = new AlarmRuleConfig(connection.area() + "/" + connection.name(),
          AlarmKind.COMMUNICATION, NAME, null, 0.0, c.onDelay(), Duration.ZERO, c.priority(),
          "PLC " + connection.name() + " communication lost", null, null, null, true,
          AlarmClass.PROCESS, null, 0.0, null, null, null, null);
      rules.add(new AlarmRule(AlarmId.rule(connection.area(), List.of(connection.name(), NAME)),
          root + "/" + connection.area() + "/" + below, connection.name(),
          root + "/" + connection.area() + "/" + connection.name(), null, null, null, null,
          rule));
    }
    return rules;
  }
}
