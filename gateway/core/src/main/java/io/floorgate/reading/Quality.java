package io.floorgate.reading;

import io.floorgate.driver.Status;

/** Quality of a reading, from the severity bits of its OPC UA status code. */
public enum Quality {
  GOOD,
  UNCERTAIN,
  BAD;

  public static Quality of(Status status) {
    if (status.isGood()) {
      return GOOD;
    }
    return status.isUncertain() ? UNCERTAIN : BAD;
  }
}
