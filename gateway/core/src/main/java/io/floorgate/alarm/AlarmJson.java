package io.floorgate.alarm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON forms of alarms, one mapper for every output (MQTT, WebSocket, HTTP, the state file) so
 * that a console reads the same fields everywhere. Times are ISO-8601 strings.
 */
public final class AlarmJson {

  /** Thread-safe once configured. */
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .setSerializationInclusion(JsonInclude.Include.ALWAYS);

  private AlarmJson() {}

  /** An alarm's state: the retained MQTT payload and an item of the API's list. */
  public static byte[] alarm(Alarm alarm) {
    return bytes(alarm);
  }

  /** A transition event: {@code {"type":"transition", eventId, transition, time, by, comment, alarm}}. */
  public static byte[] event(AlarmEvent event) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", "transition");
    json.put("eventId", event.eventId());
    json.put("transition", event.transition());
    json.put("time", event.time());
    json.put("by", event.by());
    json.put("comment", event.comment());
    json.put("alarm", event.alarm());
    return bytes(json);
  }

  /** What a stream client gets first: {@code {"type":"snapshot","alarms":[…]}}. */
  public static byte[] snapshot(List<Alarm> alarms) {
    return bytes(Map.of("type", "snapshot", "alarms", alarms));
  }

  static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      // Records of strings, numbers and times always serialize; this would be a bug.
      throw new UncheckedIOException(e);
    }
  }
}
