package io.floorgate.alarm;

import io.floorgate.config.Namespace;

/**
 * Alarm topics, one area at a time so that a console subscribes to all of them with one filter:
 * <ul>
 *   <li>{@code [prefix/]enterprise/site/area/_alarms/state/tag…/name}: the alarm's current state,
 *       retained;
 *   <li>{@code [prefix/]enterprise/site/area/_alarms/events/tag…/name}: each transition, not
 *       retained.
 * </ul>
 * e.g. {@code jxnmm/isohara/calcination/_alarms/state/rhk01/zone05/temperature/hi}; every state:
 * {@code jxnmm/isohara/+/_alarms/state/#}, every transition: {@code jxnmm/isohara/+/_alarms/events/#}.
 */
public final class AlarmTopics {

  private final String root;

  public AlarmTopics(Namespace namespace) {
    String prefix = namespace.topicPrefix();
    this.root = (prefix.isEmpty() ? "" : prefix + "/") + namespace.root() + "/";
  }

  public String state(String alarmId) {
    return topic(alarmId, "state");
  }

  public String events(String alarmId) {
    return topic(alarmId, "events");
  }

  /** The id is {@code area.tag.levels.name}: the area, then the levels below it. */
  private String topic(String alarmId, String kind) {
    int dot = alarmId.indexOf('.');
    return root + alarmId.substring(0, dot) + "/_alarms/" + kind + "/"
        + alarmId.substring(dot + 1).replace('.', '/');
  }
}
