package io.floorgate.alarm;

import java.util.List;

/**
 * Receives alarm transitions. Called on the alarm engine's thread, in order: implementations hand
 * over and return at once (a bounded queue, a Netty write), never block.
 */
public interface AlarmListener {

  /** The active and otherwise noteworthy alarms at the moment of subscription, before any event. */
  default void snapshot(List<Alarm> alarms) {}

  /** One transition. */
  void transition(AlarmEvent event);
}
