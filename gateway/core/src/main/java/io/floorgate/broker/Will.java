package io.floorgate.broker;

import java.util.Objects;

/**
 * The message the broker publishes when a connection ends without a DISCONNECT: Sparkplug's
 * NDEATH. Given per CONNECT, since each connection's Will carries its own bdSeq.
 */
public record Will(String topic, byte[] payload, int qos, boolean retained) {

  public Will {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(payload, "payload");
  }
}
