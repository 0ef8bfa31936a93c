package io.floorgate.mqtt;

import io.floorgate.config.UnsConfig;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which UNS messages go out retained under {@code uns.retain}. The broker keeps the last retained
 * message of a topic, so a message is retained only when its reading is at least as new (by the
 * gateway's receipt time) as the last one retained on that topic: a backlog replayed after an
 * outage never replaces a newer value, and the newest value of a tag that changed only during the
 * outage is still the one a late joiner gets. Used by the sender thread alone.
 */
final class Retention {

  private final UnsConfig.Retain mode;
  /** Topic to the receipt time of the reading last retained on it. */
  private final Map<String, Instant> newest = new HashMap<>();

  Retention(UnsConfig.Retain mode) {
    this.mode = Objects.requireNonNull(mode, "mode");
  }

  /** Whether a tag's reading, received at {@code gatewayTime}, is retained on {@code topic}. */
  boolean value(String topic, Instant gatewayTime) {
    return mode != UnsConfig.Retain.NONE && newer(topic, gatewayTime);
  }

  /** Whether a batch whose newest reading was received at {@code newest} is retained. */
  boolean batch(String topic, Instant newest) {
    return mode == UnsConfig.Retain.ALL && newer(topic, newest);
  }

  /** Whether a removed tag's topic holds a retained value to clear. */
  boolean holdsValues() {
    return mode != UnsConfig.Retain.NONE;
  }

  /** The topic was cleared: the next reading on it is retained whatever its age. */
  void forget(String topic) {
    newest.remove(topic);
  }

  private boolean newer(String topic, Instant time) {
    Instant last = newest.get(topic);
    if (last != null && time.isBefore(last)) {
      return false;
    }
    newest.put(topic, time);
    return true;
  }
}
