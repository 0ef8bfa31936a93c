package io.floorgate.driver.modbus;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of writing one tag.
 *
 * @param key    the tag's key
 * @param status {@link ModbusStatus#GOOD} when the device acknowledged the write
 * @param reason why it failed, null when GOOD
 */
record TagWrite(String key, ModbusStatus status, @Nullable String reason) {

  TagWrite {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(status, "status");
  }
}
