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

  /**
   * Starts connecting and acquiring in the background; samples go to {@code sink}.
   *
   * @throws RuntimeException when the driver cannot work on this host whatever the PLC does (e.g.
   *     a PKI directory it cannot use), with a message naming the fix: the gateway does not start
   */
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

  /**
   * Writes one value to the PLC variable of a configured tag. Optional: a driver that cannot
   * write keeps this default, which fails with a message naming the connection. Implementations
   * never block the caller; the future completes on the driver's or its library's threads.
   *
   * @param tag   the tag's key, as in {@link TagSpec#key()}
   * @param value {@link Boolean}, {@link Short} (16-bit), {@link Integer} (32-bit), {@link Long}
   *              (64-bit), {@link Float}, {@link Double} or {@link String}: the Java type is the
   *              data type written, so it must be the variable's
   * @return completes with the PLC's answer ({@link Status#GOOD} or the status it refused the
   *     write with); completes exceptionally when the write could not be sent (unknown tag, value
   *     of another type, PLC not connected, no answer in time)
   */
  default CompletableFuture<Status> write(String tag, Object value) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException(
        "connection '" + spec().name() + "' cannot write to its PLC"));
  }

  /** Stops acquisition and closes the session; waits a bounded time. Idempotent. */
  @Override
  void close();
}
