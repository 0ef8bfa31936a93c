package io.floorgate.sparkplug;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The primary host application's STATE, as the node has seen it on each broker: the JSON
 * {@code {"online": true|false, "timestamp": <ms>}} of {@code spBv1.0/STATE/{host}}. A message
 * with an older timestamp than the last one seen on that broker is stale — a death of a host
 * session that has since been replaced — and is ignored.
 */
final class HostState {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One STATE message. */
  record State(boolean online, long timestamp) {}

  /** What a STATE message means for the node. */
  enum Verdict { ONLINE, OFFLINE, STALE, INVALID }

  private final Map<String, Long> lastTimestamp = new HashMap<>();
  private final Map<String, Boolean> online = new HashMap<>();

  /** Judges a STATE received on {@code broker} and remembers it unless stale or invalid. */
  Verdict receive(String broker, byte[] payload) {
    State state = parse(payload);
    if (state == null) {
      return Verdict.INVALID;
    }
    Long last = lastTimestamp.get(broker);
    if (last != null && state.timestamp() < last) {
      return Verdict.STALE;
    }
    lastTimestamp.put(broker, state.timestamp());
    online.put(broker, state.online());
    return state.online() ? Verdict.ONLINE : Verdict.OFFLINE;
  }

  /** Whether the last valid STATE on {@code broker} said online. */
  boolean isOnline(String broker) {
    return online.getOrDefault(broker, false);
  }

  /** Forgets whether the host is online on {@code broker} (a new connection must hear it anew). */
  void forgetOnline(String broker) {
    online.remove(broker);
  }

  static @Nullable State parse(byte[] payload) {
    try {
      JsonNode json = JSON.readTree(payload);
      JsonNode time = json == null ? null : json.path("timestamp");
      if (time == null || !json.path("online").isBoolean() || !time.isNumber()
          || !time.canConvertToExactIntegral() || !time.canConvertToLong()) {
        return null;
      }
      return new State(json.get("online").booleanValue(), json.get("timestamp").longValue());
    } catch (IOException e) {
      return null;
    }
  }
}
