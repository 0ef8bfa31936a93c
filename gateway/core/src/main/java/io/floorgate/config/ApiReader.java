package io.floorgate.config;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reads {@code api:}, the HTTP/WebSocket server of the alarm lane. */
final class ApiReader {

  private static final List<String> KEYS = List.of("bind", "port", "token", "streamBuffer");
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
    if (map.problems().count() > before) {
      return null;
    }
    return new ApiConfig(bind == null ? ApiConfig.DEFAULT_BIND : bind.strip(), port,
        token == null ? null : token.strip(), streamBuffer);
  }
}
