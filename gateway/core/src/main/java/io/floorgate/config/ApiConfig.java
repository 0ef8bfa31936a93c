package io.floorgate.config;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP/WebSocket server ({@code api:} in YAML): the alarm stream and the alarm API.
 *
 * <p>Defaults and bounds: {@code bind} 127.0.0.1; {@code port} 8480 (0–65535, 0 = any free port);
 * {@code streamBuffer} 1048576 bytes (4096–67108864).
 *
 * @param bind         address to listen on; 127.0.0.1 keeps it on the box
 * @param port         TCP port
 * @param token        bearer token required by state-changing calls (from {@code ${VAR}});
 *                     never logged; null (or empty in YAML) refuses every state-changing call.
 *                     The loader refuses placeholders and guessable tokens (the rule is in
 *                     {@code Secrets}); this record checks the length only
 * @param streamBuffer bytes of alarm messages a WebSocket client may fall behind by before it is
 *                     disconnected as too slow
 */
public record ApiConfig(String bind, int port, @Nullable String token, int streamBuffer) {

  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final int DEFAULT_PORT = 8480;
  public static final int DEFAULT_STREAM_BUFFER = 1 << 20;
  public static final int MIN_STREAM_BUFFER = 4096;
  public static final int MAX_STREAM_BUFFER = 64 << 20;
  /** Shorter tokens are guessable. */
  public static final int MIN_TOKEN_LENGTH = 16;

  public ApiConfig {
    Objects.requireNonNull(bind, "bind");
    Checks.within("port", port, 0, 65_535);
    Checks.within("streamBuffer", streamBuffer, MIN_STREAM_BUFFER, MAX_STREAM_BUFFER);
    if (token != null && token.length() < MIN_TOKEN_LENGTH) {
      throw new IllegalArgumentException("token is shorter than " + MIN_TOKEN_LENGTH);
    }
  }

  @Override
  public String toString() {
    return "ApiConfig[bind=" + bind + ", port=" + port + ", token=" + (token == null ? "none" : "***") + ", streamBuffer="
        + streamBuffer + "]";
  }
}
