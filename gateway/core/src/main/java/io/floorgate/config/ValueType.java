package io.floorgate.config;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The data type of a writable tag's PLC variable ({@code type:} in YAML): what a command may
 * write to it, and what the gateway writes.
 */
public enum ValueType {
  BOOLEAN(0, 0),
  INT16(Short.MIN_VALUE, Short.MAX_VALUE),
  INT32(Integer.MIN_VALUE, Integer.MAX_VALUE),
  INT64(Long.MIN_VALUE, Long.MAX_VALUE),
  FLOAT(0, 0),
  DOUBLE(0, 0),
  STRING(0, 0);

  /** The YAML spelling of each type: its name in lowercase. */
  static final Map<String, ValueType> BY_NAME = Stream.of(values())
      .collect(Collectors.toUnmodifiableMap(ValueType::yamlName, Function.identity()));

  private final long min;
  private final long max;

  ValueType(long min, long max) {
    this.min = min;
    this.max = max;
  }

  /** int16, int32 or int64. */
  public boolean isInteger() {
    return this == INT16 || this == INT32 || this == INT64;
  }

  /** An integer or a floating-point type. */
  public boolean isNumber() {
    return isInteger() || this == FLOAT || this == DOUBLE;
  }

  /** The smallest value of an integer type. */
  public long min() {
    return min;
  }

  /** The largest value of an integer type. */
  public long max() {
    return max;
  }

  /** The name as written in YAML, e.g. {@code int32}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
