package io.floorgate.driver;

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

  /** Stops acquisition and closes the session; waits a bounded time. Idempotent. */
  @Override
  void close();
}
