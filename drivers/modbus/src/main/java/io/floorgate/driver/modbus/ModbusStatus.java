package io.floorgate.driver.modbus;

/**
 * The outcome of reading or writing one tag, as the OPC UA status the rest of the gateway speaks
 * (name and code from OPC UA Part 4 / the NodeSet's StatusCode.csv), so the SPI adapter maps it
 * one to one.
 */
enum ModbusStatus {
  GOOD("Good", 0x0000_0000L),
  /** Exception 1: the device does not implement the function for this table. */
  BAD_NOT_SUPPORTED("Bad_NotSupported", 0x803D_0000L),
  /** Exception 2: the address (or address + quantity) is not in the device's map. */
  BAD_OUT_OF_RANGE("Bad_OutOfRange", 0x803C_0000L),
  /** Exception 3: the device refused a value or quantity in the request. */
  BAD_INVALID_ARGUMENT("Bad_InvalidArgument", 0x80AB_0000L),
  /** Exceptions 4 and 8: the device failed while serving the request. */
  BAD_DEVICE_FAILURE("Bad_DeviceFailure", 0x808B_0000L),
  /** Exception 5: accepted but not done yet (programming commands); there is no value now. */
  BAD_WOULD_BLOCK("Bad_WouldBlock", 0x80B5_0000L),
  /** Exception 6: the device is busy; try again later. */
  BAD_RESOURCE_UNAVAILABLE("Bad_ResourceUnavailable", 0x8004_0000L),
  /** Link lost, or a gateway's exception 10/11: nothing reaches the device. */
  BAD_NO_COMMUNICATION("Bad_NoCommunication", 0x8031_0000L),
  /** Connected, but no answer within the request timeout. */
  BAD_TIMEOUT("Bad_Timeout", 0x800A_0000L),
  /** The answer did not hold the registers the tag needs. */
  BAD_DECODING_ERROR("Bad_DecodingError", 0x8007_0000L),
  /** A value to write does not fit the tag's type. */
  BAD_TYPE_MISMATCH("Bad_TypeMismatch", 0x8074_0000L),
  /** A write to an input register or discrete input. */
  BAD_NOT_WRITABLE("Bad_NotWritable", 0x803B_0000L),
  /** Anything else; the reason carries the library's message. */
  BAD_UNEXPECTED_ERROR("Bad_UnexpectedError", 0x8001_0000L);

  private final String statusName;
  private final long code;

  ModbusStatus(String statusName, long code) {
    this.statusName = statusName;
    this.code = code;
  }

  /** The OPC UA symbolic name, e.g. {@code Bad_OutOfRange}. */
  String statusName() {
    return statusName;
  }

  /** The OPC UA status code, unsigned 32-bit in a long. */
  long code() {
    return code;
  }

  boolean isGood() {
    return this == GOOD;
  }
}
