package io.floorgate.driver;

/**
 * The type a value has at its source, as the PLC declares it (an OPC UA variable's DataType and
 * ValueRank, a Modbus tag's register type), independent of the plain Java form {@link Sample}
 * carries it in. Outputs that have typed payloads (Sparkplug) need it: a UInt64 above
 * {@code Long.MAX_VALUE}, a DateTime and a ByteString all travel as text or numbers otherwise, and a
 * value that is null says nothing about its type.
 *
 * <p>Each scalar type has an array form ({@code INT32_ARRAY} …) for one-dimensional arrays, which
 * {@link Sample} carries as a list of the scalar's Java form.
 */
public enum SourceType {
  BOOLEAN, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, FLOAT, DOUBLE,
  /** Text as the PLC stores it (also node ids, qualified names and status codes by name). */
  STRING,
  /** A point in time; carried as ISO-8601 UTC text. */
  DATETIME,
  /** Opaque bytes; carried as base64 text. */
  BYTES,
  /** A GUID; carried as its canonical text. */
  UUID,
  /** Human-readable text (an OPC UA LocalizedText's text, an XML element). */
  TEXT,

  BOOLEAN_ARRAY, INT8_ARRAY, INT16_ARRAY, INT32_ARRAY, INT64_ARRAY, UINT8_ARRAY, UINT16_ARRAY,
  UINT32_ARRAY, UINT64_ARRAY, FLOAT_ARRAY, DOUBLE_ARRAY, STRING_ARRAY, DATETIME_ARRAY,
  BYTES_ARRAY, UUID_ARRAY, TEXT_ARRAY;

  private static final String SUFFIX = "_ARRAY";

  /** Whether values of this type are one-dimensional arrays. */
  public boolean isArray() {
    return name().endsWith(SUFFIX);
  }

  /** The type of one element: the scalar type of an array type, else this type itself. */
  public SourceType element() {
    return isArray() ? valueOf(name().substring(0, name().length() - SUFFIX.length())) : this;
  }

  /** The array type whose elements are of this type (an array type is its own). */
  public SourceType array() {
    return isArray() ? this : valueOf(name() + SUFFIX);
  }

  /** Whether the type holds whole numbers (an array type: whether its elements do). */
  public boolean isInteger() {
    return switch (element()) {
      case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64 -> true;
      default -> false;
    };
  }

  /** Whether the type holds numbers of any kind (an array type: whether its elements do). */
  public boolean isNumber() {
    SourceType e = element();
    return e.isInteger() || e == FLOAT || e == DOUBLE;
  }
}
