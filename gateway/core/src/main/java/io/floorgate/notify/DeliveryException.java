package io.floorgate.notify;

/**
 * A receiver did not accept a delivery. {@code cause} names the kind of failure without anything
 * that varies between attempts (it keys the log throttle); the message says what failed and what
 * to do, for one log line.
 */
final class DeliveryException extends Exception {

  private final String cause;

  DeliveryException(String cause, String message) {
    super(message, null, false, false);
    this.cause = cause;
  }

  /** The failure's kind, e.g. {@code http 500}, {@code connection refused}, {@code auth}. */
  String kind() {
    return cause;
  }
}
