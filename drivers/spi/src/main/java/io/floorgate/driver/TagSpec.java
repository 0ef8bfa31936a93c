package io.floorgate.driver;

import java.util.Objects;

/**
 * One value to acquire.
 *
 * @param key    the gateway's name for it, echoed back in every {@link Sample#tag()}
 * @param nodeId the OPC UA node id in its string form, e.g. {@code ns=2;s=RHK01.Zone03.TempPV}
 */
public record TagSpec(String key, String nodeId) {
  public TagSpec {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(nodeId, "nodeId");
  }
}
