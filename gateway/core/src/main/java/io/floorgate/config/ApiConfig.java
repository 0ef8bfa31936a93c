package io.floorgate.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP/WebSocket server ({@code api:} in YAML): the alarm stream and the alarm API.
 *
 * <p>Defaults and bounds: {@code bind} 127.0.0.1; {@code port} 8480 (0–65535, 0 = any free port);
 * {@code streamBuffer} 1048576 bytes (4096–67108864); {@code maxConnections} 64 (1–10000);
 * {@code requestTimeout} 10 s, {@code idleTimeout} 60 s, {@code pingInterval} 30 s (each
 * 100 ms–1 h); {@code allowedOrigins} none.
 *
 * @param bind           address to listen on; 127.0.0.1 keeps it on the box
 * @param port           TCP port
 * @param token          bearer token required by state-changing calls (from {@code ${VAR}});
 *                       never logged; null (or empty in YAML) refuses every state-changing call.
 *                       The loader refuses placeholders and guessable tokens (the rule is in
 *                       {@code Secrets}); this record checks the length only
 * @param streamBuffer   bytes of alarm messages a WebSocket client may fall behind by before it
 *                       is disconnected as too slow
 * @param maxConnections open connections served at once; a further one is answered 503 and closed
 * @param requestTimeout time from a request's first byte to its last (headers and body, also a
 *                       WebSocket handshake); a slower one is answered 408 and closed
 * @param idleTimeout    an HTTP connection with no traffic this long is closed
 * @param pingInterval   a quiet WebSocket client is pinged after this long, and closed when it
 *                       stays quiet as long again
 * @param allowedOrigins browser origins ({@code https://host:port}) besides the gateway's own that
 *                       may open WebSocket streams
 */
public record ApiConfig(String bind, int port, @Nullable String token, int streamBuffer,
    int maxConnections, Duration requestTimeout, Duration idleTimeout, Duration pingInterval,
    List<String> allowedOrigins) {

  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final int DEFAULT_PORT = 8480;
  public static final int DEFAULT_STREAM_BUFFER = 1 << 20;
  public static final int MIN_STREAM_BUFFER = 4096;
  public static final int MAX_STREAM_BUFFER = 64 << 20;
  /** Shorter tokens are guessable. */
  public static final int MIN_TOKEN_LENGTH = 16;
  /** A few consoles and scrapers; far below the process's open-file limit. */
  public static final int DEFAULT_MAX_CONNECTIONS = 64;
  public static final int MAX_MAX_CONNECTIONS = 10_000;
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(30);
  /** Bounds of the three timeouts. */
  public static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
  public static final Duration MAX_TIMEOUT = Duration.ofHours(1);

  public ApiConfig {
    Objects.requireNonNull(bind, "bind");
    Checks.within("port", port, 0, 65_535);
    Checks.within("streamBuffer", streamBuffer, MIN_STREAM_BUFFER, MAX_STREAM_BUFFER);
    if (token != null && token.length() < MIN_TOKEN_LENGTH) {
      throw new IllegalArgumentException("token is shorter than " + MIN_TOKEN_LENGTH);
    }
    Checks.within("maxConnections", maxConnections, 1, MAX_MAX_CONNECTIONS);
    Checks.within("requestTimeout", requestTimeout, MIN_TIMEOUT, MAX_TIMEOUT);
    Checks.within("idleTimeout", idleTimeout, MIN_TIMEOUT, MAX_TIMEOUT);
    Checks.within("pingInterval", pingInterval, MIN_TIMEOUT, MAX_TIMEOUT);
    allowedOrigins = List.copyOf(allowedOrigins);
  }

  /** The server with the default connection limits and timeouts. */
  public ApiConfig(String bind, int port, @Nullable String token, int streamBuffer) {
    this(bind, port, token, streamBuffer, DEFAULT_MAX_CONNECTIONS, DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_IDLE_TIMEOUT, DEFAULT_PING_INTERVAL, List.of());
  }

  @Override
  public String toString() {
    return "ApiConfig[bind=" + bind + ", port=" + port + ", token=" + (token == null ? "none" : "***") + ", streamBuffer="
        + streamBuffer + ", maxConnections=" + maxConnections + ", requestTimeout="
        + requestTimeout + ", idleTimeout=" + idleTimeout + ", pingInterval=" + pingInterval
        + ", allowedOrigins=" + allowedOrigins + "]";
  }
}
