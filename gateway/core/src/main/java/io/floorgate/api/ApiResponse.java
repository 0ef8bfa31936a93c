package io.floorgate.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a route answers: a status, a content type, a body and extra headers. Errors are always JSON
 * {@code {"error": <status word>, "message": <what to do>}}, never a stack trace.
 */
public record ApiResponse(int status, String contentType, byte[] body,
    Map<String, String> headers) {

  static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  public static final String JSON_TYPE = "application/json; charset=utf-8";

  public ApiResponse {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    headers = Map.copyOf(headers);
  }

  /** A value as JSON. */
  public static ApiResponse json(int status, Object value) {
    try {
      return new ApiResponse(status, JSON_TYPE, JSON.writeValueAsBytes(value), Map.of());
    } catch (JsonProcessingException e) {
      return error(500, "internal error", "the response could not be encoded; see the log");
    }
  }

  /** Bytes that already are JSON. */
  public static ApiResponse rawJson(int status, byte[] json) {
    return new ApiResponse(status, JSON_TYPE, json, Map.of());
  }

  public static ApiResponse text(int status, String contentType, String body) {
    return new ApiResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  public static ApiResponse error(int status, String error, String message) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("error", error);
    json.put("message", message);
    return json(status, json);
  }

  public ApiResponse withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new ApiResponse(status, contentType, body, more);
  }
}
