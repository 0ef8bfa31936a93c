package io.floorgate.alarm;

/** What happened to an alarm: every transition is published as an {@link AlarmEvent}. */
public enum Transition {
  RAISE,
  CLEAR,
  ACK,
  SHELVE,
  UNSHELVE,
  SUPPRESS,
  UNSUPPRESS,
  OUT_OF_SERVICE,
  RETURN_TO_SERVICE
}
