package io.floorgate.config;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reads {@code api:}, the HTTP/WebSocket server of the alarm lane. */
final class ApiReader {

  private static final List<String> KEYS = List.of("bind", "port", "token", "streamBuffer");

  private ApiReader() {}

  static @Nullable ApiConfig read(YamlMap top) {
    YamlMap map = top.map("api", KEYS);
    if (map == null) {
      return null;
    }
    int before = map.problems().count();
    String bind = map.string("bind");
    if (bind != null && bind.isBlank()) {
      map.error("bind", "is empty; remove it for 127.0.0.1, or give the address to listen on");
    }
    int port = map.integer("port", ApiConfig.DEFAULT_PORT, 0, 65_535);
    String token = map.string("token");
    if (token != null && token.isBlank()) {
      // An unset ${FLOORGATE_API_TOKEN:-} leaves the API read-only rather than open.
      token = null;
    }
    if (token != null && token.strip().length() < ApiConfig.MIN_TOKEN_LENGTH) {
      map.error("token", "is shorter than " + ApiConfig.MIN_TOKEN_LENGTH + " characters; use a "
          + "long random secret, e.g. from: openssl rand -hex 24");
    }
    int streamBuffer = map.integer("streamBuffer", ApiConfig.DEFAULT_STREAM_BUFFER,
        ApiConfig.MIN_STREAM_BUFFER, ApiConfig.MAX_STREAM_BUFFER);
    if (map.problems().count() > before) {
      return null;
    }
    return new ApiConfig(bind == null ? ApiConfig.DEFAULT_BIND : bind.strip(), port,
        token == null ? null : token.strip(), streamBuffer);
  }
}
