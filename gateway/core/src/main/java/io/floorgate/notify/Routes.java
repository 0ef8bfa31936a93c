package io.floorgate.notify;

import io.floorgate.alarm.Alarm;
import io.floorgate.config.AlarmClass;
import io.floorgate.config.RouteConfig;
import java.util.ArrayList;
import java.util.List;

/** The routes of the config, tried in order: the first match wins unless it says continue. */
final class Routes {

  private final List<RouteConfig> routes;

  Routes(List<RouteConfig> routes) {
    this.routes = List.copyOf(routes);
  }

  /** The routes an alarm takes, in order. */
  List<RouteConfig> of(Alarm alarm) {
    String[] levels = alarm.path().split("/");
    String area = levels.length > 2 ? levels[2] : "";
    String equipment = levels.length > 4 ? levels[3] : "";
    AlarmClass alarmClass = alarm.alarmClass() == null ? AlarmClass.PROCESS : alarm.alarmClass();
    List<RouteConfig> taken = new ArrayList<>();
    for (RouteConfig route : routes) {
      if (route.match().matches(area, equipment, alarmClass, alarm.priority(), alarm.id())) {
        taken.add(route);
        if (!route.continueMatching()) {
          break;
        }
      }
    }
    return taken;
  }

  /** The receivers an alarm's notifications go to (escalations aside), each once. */
  List<String> receivers(Alarm alarm) {
    return of(alarm).stream().map(RouteConfig::receiver).distinct().toList();
  }
}
