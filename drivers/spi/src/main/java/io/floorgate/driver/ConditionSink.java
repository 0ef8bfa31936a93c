package io.floorgate.driver;

/**
 * Where a driver delivers the PLC's own alarms (conditions). Called on the client library's
 * threads: implementations hand over to a bounded queue and never block.
 */
@FunctionalInterface
public interface ConditionSink {

  /** A condition's new state (also each retained condition after a refresh). Must not block. */
  void condition(ConditionEvent event);
}
