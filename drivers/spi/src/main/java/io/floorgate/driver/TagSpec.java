package io.floorgate.driver;

import java.util.Objects;

/**
 * One value to acquire.
 *
 * @param key    the gateway's name for it, echoed back in every {@link Sample#tag()}
 * @param nodeId the tag's address as its driver reads it: an OPC UA node id in its string form,
 *               e.g. {@code ns=2;s=RHK01.Zone03.TempPV}, or the canonical text another driver
 *               made of the tag's keys ({@link DriverFactory#readTag})
 */
public record TagSpec(String key, String nodeId) {
  public TagSpec {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(nodeId, "nodeId");
  }
}
