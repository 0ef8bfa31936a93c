package io.floorgate.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.Node;

/** Reads {@code api:}, the HTTP/WebSocket server of the alarm lane. */
final class ApiReader {

  private static final List<String> KEYS = List.of("bind", "port", "token", "streamBuffer",
      "maxConnections", "requestTimeout", "idleTimeout", "pingInterval", "allowedOrigins");
  static final String TOKEN_VARIABLE = "FLOORGATE_API_TOKEN";

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
    } else if (bind != null) {
      BindAddress.Checked checked = BindAddress.check(bind.strip());
      if (checked.error() != null) {
        map.error("bind", checked.error());
      } else if (checked.warning() != null) {
        map.warning("bind", checked.warning());
      }
    }
    int port = map.integer("port", ApiConfig.DEFAULT_PORT, 0, 65_535);
    String token = map.string("token");
    if (token != null && token.isBlank()) {
      // An unset ${FLOORGATE_API_TOKEN:-} leaves the API read-only rather than open.
      token = null;
    }
    if (token != null) {
      String problem = Secrets.tokenProblem(token.strip());
      if (problem != null) {
        map.error("token", problem + "; " + Secrets.howToSet(map, "token", TOKEN_VARIABLE)
            + " to a long random one, made by: " + Secrets.GENERATE
            + " (or leave it empty to keep alarms read-only over the API)");
      } else if (Secrets.defaulted(map, "token") != null) {
        map.error("token", "comes from the default written in the file, which everyone who "
            + "has the file knows; remove the default and " + Secrets.howToSet(map, "token",
            TOKEN_VARIABLE) + " to the output of: " + Secrets.GENERATE);
      }
    }
    int streamBuffer = map.integer("streamBuffer", ApiConfig.DEFAULT_STREAM_BUFFER,
        ApiConfig.MIN_STREAM_BUFFER, ApiConfig.MAX_STREAM_BUFFER);
    int maxConnections = map.integer("maxConnections", ApiConfig.DEFAULT_MAX_CONNECTIONS, 1,
        ApiConfig.MAX_MAX_CONNECTIONS);
    Duration requestTimeout = timeout(map, "requestTimeout", ApiConfig.DEFAULT_REQUEST_TIMEOUT);
    Duration idleTimeout = timeout(map, "idleTimeout", ApiConfig.DEFAULT_IDLE_TIMEOUT);
    Duration pingInterval = timeout(map, "pingInterval", ApiConfig.DEFAULT_PING_INTERVAL);
    List<String> origins = origins(map);
    if (map.problems().count() > before) {
      return null;
    }
    return new ApiConfig(bind == null ? ApiConfig.DEFAULT_BIND : bind.strip(), port,
        token == null ? null : token.strip(), streamBuffer, maxConnections, requestTimeout,
        idleTimeout, pingInterval, origins);
  }

  private static Duration timeout(YamlMap map, String key, Duration fallback) {
    return map.duration(key, fallback, ApiConfig.MIN_TIMEOUT, ApiConfig.MAX_TIMEOUT);
  }

  /** Each item an http(s) origin, kept in the form browsers send. */
  private static List<String> origins(YamlMap map) {
    List<String> origins = new ArrayList<>();
    List<Node> items = map.list("allowedOrigins");
    for (int i = 0; i < items.size(); i++) {
      String path = map.child("allowedOrigins") + "[" + i + "]";
      String text = Scalars.scalar(items.get(i), path, map.problems());
      String origin = text == null ? null : Origins.normalize(text);
      if (text != null && origin == null) {
        map.problems().add(items.get(i), path, "'" + text + "' is not a browser origin; write "
            + "scheme, host and port only, e.g. https://scada.example.com:8443");
      } else if (origin != null) {
        origins.add(origin);
      }
    }
    return origins;
  }
}
