package io.floorgate.sparkplug;

import io.floorgate.driver.Status;
import java.util.concurrent.CompletableFuture;

/**
 * Writes a value to a PLC on behalf of a Sparkplug command, once the node has checked it against
 * the tag's config. The composition root implements it with the connection's driver.
 */
@FunctionalInterface
public interface DeviceWriter {

  /**
   * @param connection the PLC connection (the Sparkplug device id)
   * @param tag        the tag's path, its driver key
   * @param value      of the tag's configured type: Boolean, Short, Integer, Long, Float, Double
   *                   or String
   * @return the PLC's answer; exceptional when the write could not be sent
   */
  CompletableFuture<Status> write(String connection, String tag, Object value);
}
