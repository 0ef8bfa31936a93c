package io.floorgate.config;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The rules for a tag's {@code writable} and {@code type}: a host may only write what the config
 * says it may, so a writable tag states the PLC variable's type, and a number its limits.
 */
final class WriteChecks {

  private static final String TYPES = "boolean, int16, int32, int64, float, double or string";

  private WriteChecks() {}

  /** The tag's write type; null when it is not writable or something is wrong (reported). */
  static @Nullable ValueType type(YamlMap tag, boolean writable, @Nullable Range range) {
    if (!writable) {
      if (tag.has("type")) {
        tag.error("type", "says what a host may write to this tag, but it is not writable; add "
            + "writable: true, or remove type");
      }
      return null;
    }
    if (!tag.has("type")) {
      tag.missing("type", "a writable tag needs the PLC variable's data type, e.g. type: double ("
          + TYPES + ")");
      return null;
    }
    ValueType type = tag.choice("type", null, ValueType.BY_NAME);
    for (String key : List.of("scale", "sourceUnit", "enum")) {
      if (tag.has(key)) {
        tag.error(key, "a writable tag is written as published, so it cannot have " + key
            + "; remove " + key + ", or writable");
      }
    }
    if (type == null) {
      return null;
    }
    if (type.isNumber() && range == null) {
      if (!tag.has("range")) {
        tag.error("writable", "a writable number needs range: { low: …, high: … }, the values "
            + "a host may write");
      }
      return null;
    }
    if (type.isInteger() && range != null
        && (range.low() < type.min() || range.high() > type.max())) {
      tag.error("range", Scalars.format(range.low()) + ".." + Scalars.format(range.high())
          + " does not fit " + type.yamlName() + " (" + type.min() + ".." + type.max()
          + "); narrow the range or choose a wider type");
      return null;
    }
    return type;
  }
}
