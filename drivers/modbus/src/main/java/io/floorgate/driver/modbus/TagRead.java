package io.floorgate.driver.modbus;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One tag's outcome of a poll: a value, or a BAD status and why. (The SPI adapter turns it into a
 * {@code Sample}.)
 *
 * @param key    the tag's key
 * @param value  the decoded value (see {@link RegisterCodec}), null when the status is BAD
 * @param status {@link ModbusStatus#GOOD} or the BAD status
 * @param reason why it is BAD, null when GOOD
 */
record TagRead(String key, @Nullable Object value, ModbusStatus status, @Nullable String reason) {

  TagRead {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(status, "status");
  }

  static TagRead good(String key, Object value) {
    return new TagRead(key, value, ModbusStatus.GOOD, null);
  }

  static TagRead bad(String key, Failure failure) {
    return new TagRead(key, null, failure.status(), failure.reason());
  }
}
