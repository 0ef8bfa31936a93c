package io.floorgate.driver;

/**
 * An OPC UA status code, carried as its 32-bit value and its symbolic name
 * ({@code Good}, {@code Bad_SensorFailure}, …) so the gateway needs no OPC UA library.
 *
 * @param code the unsigned 32-bit status code, held in a long
 * @param name the symbolic name from the OPC UA specification, or the code in hex if unknown
 */
public record Status(long code, String name) {

  public static final Status GOOD = new Status(0L, "Good");

  public Status {
    if (code < 0 || code > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("status code out of 32-bit range: " + code);
    }
  }

  /** Severity per OPC UA Part 4, 7.34.1: the top two bits. */
  public boolean isGood() {
    return (code >>> 30) == 0;
  }

  public boolean isUncertain() {
    return (code >>> 30) == 1;
  }

  public boolean isBad() {
    return (code >>> 30) >= 2;
  }

  /** The code in the usual {@code 0x80000000} form. */
  public String hex() {
    return String.format("0x%08X", code);
  }
}
