package io.floorgate.driver;

import java.util.concurrent.CompletableFuture;

/**
 * A southbound connection to one PLC. The composition root creates it, calls {@link #start}
 * once, and {@link #close} on shutdown.
 *
 * <p>{@code start} never blocks on the network and never throws because a PLC is unreachable:
 * the driver keeps retrying with backoff, logs what it tried and when it tries next, and reports
 * state changes through {@link SampleSink#linkChanged}.
 */
public interface Driver extends AutoCloseable {

  /** The connection this driver serves. */
  ConnectionSpec spec();

  /** Starts connecting and acquiring in the background; samples go to {@code sink}. */
  void start(SampleSink sink);

  /** The current link state. */
  LinkState state();

  /**
   * Optional: also deliver the PLC's own alarms (OPC UA Alarms &amp; Conditions) to {@code sink},
   * from every session on (with a refresh of the retained ones). Call before {@link #start}.
   *
   * @throws UnsupportedOperationException when the driver cannot read conditions
   */
  default void subscribeConditions(ConditionSink sink) {
    throw new UnsupportedOperationException("connection " + spec().name() + ": this driver "
        + "does not read PLC alarms (conditions)");
  }

  /**
   * Optional: acknowledges a PLC condition with its Acknowledge method. Never blocks: the future
   * completes when the PLC answered, exceptionally with its refusal.
   *
   * @param conditionId the condition's node id ({@link ConditionEvent#conditionId()})
   * @param eventId     the latest event's id ({@link ConditionEvent#eventId()})
   * @param comment     the operator's comment, passed to the PLC
   */
  default CompletableFuture<Void> acknowledge(String conditionId, String eventId, String comment) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("connection "
        + spec().name() + ": this driver cannot acknowledge PLC alarms"));
  }

  /** Stops acquisition and closes the session; waits a bounded time. Idempotent. */
  @Override
  void close();
}
