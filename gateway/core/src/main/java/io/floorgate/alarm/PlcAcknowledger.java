package io.floorgate.alarm;

import java.util.concurrent.CompletableFuture;

/** Passes an operator's acknowledgement of a PLC condition to the PLC (the connection's driver). */
@FunctionalInterface
public interface PlcAcknowledger {

  /** Never blocks; completes when the PLC answered, exceptionally when it refused. */
  CompletableFuture<Void> acknowledge(String connection, String conditionId, String eventId,
      String comment);
}
