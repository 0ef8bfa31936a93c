package io.floorgate.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.floorgate.alarm.Alarm;
import io.floorgate.alarm.AlarmState;
import io.floorgate.config.AlarmClass;
import io.floorgate.config.AlarmKind;
import io.floorgate.config.AlarmMatch;
import io.floorgate.config.AlarmPriority;
import io.floorgate.config.RouteConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Routes in order: the first match wins unless it says continue; each field narrows. */
class RoutesTest {

  private static Alarm alarm(String below, AlarmClass alarmClass, AlarmPriority priority) {
    String[] levels = below.split("/");
    String id = String.join(".", levels);
    return new Alarm(id, "jxnmm/isohara/" + below, "jxnmm/isohara/" + below.substring(0,
        below.lastIndexOf('/')), "plc", AlarmKind.HI, alarmClass, priority, priority.severity(),
        "m", 1.0, null, AlarmState.UNACKED, true, false, 2.0, "GOOD", null, null, null, null,
        null, null, null, null, null, null);
  }

  private static RouteConfig route(AlarmMatch match, String receiver, boolean more) {
    return new RouteConfig(match, receiver, null, null, null, more);
  }

  private static AlarmMatch match(List<String> equipment, List<AlarmClass> classes,
      List<AlarmPriority> priorities, List<String> rules) {
    return new AlarmMatch(List.of(), equipment, classes, priorities, rules);
  }

  private final Routes routes = new Routes(List.of(
      route(match(List.of(), List.of(AlarmClass.MAINTENANCE), List.of(), List.of()), "mail",
          true),
      route(match(List.of("mx01"), List.of(), List.of(), List.of()), "mixers", false),
      route(match(List.of(), List.of(), List.of(AlarmPriority.HIGH, AlarmPriority.URGENT),
          List.of()), "alertmanager", false),
      route(match(List.of(), List.of(), List.of(), List.of("calcination.rhk01.*.hi")), "kiln",
          false)));

  @Test
  void aMatchThatSaysContinueLetsLaterRoutesMatchToo() {
    assertEquals(List.of("mail", "mixers"), routes.receivers(alarm(
        "mixing/mx01/drive/current/hi", AlarmClass.MAINTENANCE, AlarmPriority.LOW)));
  }

  @Test
  void theFirstMatchWithoutContinueEndsTheSearch() {
    assertEquals(List.of("mixers"), routes.receivers(alarm("mixing/mx01/drive/current/hi",
        AlarmClass.PROCESS, AlarmPriority.URGENT)));
  }

  @Test
  void equipmentIsTheLevelBelowTheArea() {
    assertEquals(List.of("alertmanager"), routes.receivers(alarm(
        "mixing/mx02/drive/current/hi", AlarmClass.PROCESS, AlarmPriority.HIGH)));
  }

  @Test
  void aRuleGlobMatchesTheAlarmId() {
    assertEquals(List.of("kiln"), routes.receivers(alarm("calcination/rhk01/zone05/temp/hi",
        AlarmClass.PROCESS, AlarmPriority.LOW)));
    assertEquals(List.of(), routes.receivers(alarm("calcination/rhk01/zone05/temp/lo",
        AlarmClass.PROCESS, AlarmPriority.LOW)));
  }
}
