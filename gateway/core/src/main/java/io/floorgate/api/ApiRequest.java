package io.floorgate.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP request as a route sees it: copied out of Netty's buffers, so a route may keep it and
 * answer later from another thread.
 *
 * @param method        {@code GET}, {@code POST}, …
 * @param path          the path without the query
 * @param params        values of the route's {@code {name}} segments
 * @param query         query parameters
 * @param body          the body as UTF-8 text (empty when none)
 * @param authorization the {@code Authorization} header, if any
 * @param remote        the client's address and port, for the audit trail; null if unknown
 */
public record ApiRequest(
    String method,
    String path,
    Map<String, String> params,
    Map<String, List<String>> query,
    String body,
    @Nullable String authorization,
    @Nullable String remote) {

  public ApiRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    params = Map.copyOf(params);
    query = Map.copyOf(query);
    Objects.requireNonNull(body, "body");
  }

  /** A route parameter; routes only ask for names their pattern has. */
  public String param(String name) {
    String value = params.get(name);
    if (value == null) {
      throw new IllegalArgumentException("route has no parameter " + name);
    }
    return value;
  }
}
