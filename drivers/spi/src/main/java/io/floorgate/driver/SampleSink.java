package io.floorgate.driver;

/**
 * Where a driver delivers what it reads. Drivers call these methods on their client library's
 * threads (Milo's), so implementations must never block: hand off to a bounded queue and count
 * what does not fit.
 */
public interface SampleSink {

  /** A value, or a bad status for a tag that could not be read. Must not block. */
  void accept(Sample sample);

  /**
   * The link to the PLC changed state. Must not block.
   *
   * @param connection the connection name
   * @param state      the new state
   * @param detail     a human-readable reason (the endpoint and, on failure, the cause)
   */
  default void linkChanged(String connection, LinkState state, String detail) {}
}
