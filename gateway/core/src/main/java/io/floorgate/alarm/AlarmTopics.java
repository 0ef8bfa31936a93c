package io.floorgate.alarm;

import io.floorgate.config.Namespace;
import java.util.List;

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
 *
 * <p>The levels after {@code _alarms/state/} are those of the {@link AlarmId}'s string form, so a
 * rule whose tag has a level {@code conditions} in the place of a PLC condition's has its own
 * topic ({@code rhk01/~conditions/hi}, not the condition's {@code rhk01/conditions/hi}).
 */
public final class AlarmTopics {

  private final String root;

  public AlarmTopics(Namespace namespace) {
    String prefix = namespace.topicPrefix();
    this.root = (prefix.isEmpty() ? "" : prefix + "/") + namespace.root() + "/";
  }

  public String state(AlarmId id) {
    return topic(id, "state");
  }

  public String events(AlarmId id) {
    return topic(id, "events");
  }

  /**
   * The state topic of the alarm with this id ({@link Alarm#id()}).
   *
   * @throws IllegalArgumentException when it is not an {@link AlarmId}'s string form
   */
  public String state(String alarmId) {
    return state(AlarmId.parse(alarmId));
  }

  /**
   * The events topic of the alarm with this id ({@link Alarm#id()}).
   *
   * @throws IllegalArgumentException when it is not an {@link AlarmId}'s string form
   */
  public String events(String alarmId) {
    return events(AlarmId.parse(alarmId));
  }

  // The id's parts as written (a '.' inside a level stays quoted as "~."), so the levels after
  // "_alarms/<kind>/" joined by '.' give back the id, and two alarms never share a topic.
  private String topic(AlarmId id, String kind) {
    List<String> parts = id.parts();
    return root + parts.get(0) + "/_alarms/" + kind + "/"
        + String.join("/", parts.subList(1, parts.size()));
  }
}
