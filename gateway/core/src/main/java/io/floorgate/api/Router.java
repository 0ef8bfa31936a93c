package io.floorgate.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The server's routes: method, path pattern ({@code /api/alarms/{id}/ack}) and handler, and
 * whether the bearer token is required. Built in the composition root before the server starts;
 * read-only afterwards.
 */
public final class Router {

  /** Answers one request; may complete later, on any thread. Must not block. */
  @FunctionalInterface
  public interface Handler {
    CompletionStage<ApiResponse> handle(ApiRequest request);
  }

  private record Route(String method, String[] segments, Handler handler, boolean authenticated) {}

  /** A route matched to a request: the handler, its path parameters, whether it needs the token. */
  record Match(Handler handler, Map<String, String> params, boolean authenticated) {}

  private static final Pattern PARAM = Pattern.compile("\\{[a-zA-Z]+}");

  private final List<Route> routes = new ArrayList<>();
  private final byte @Nullable [] token;

  /**
   * @param token the bearer token that state-changing routes require; null refuses them all
   */
  public Router(@Nullable String token) {
    this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
  }

  /** Whether state-changing routes can be called at all. */
  boolean hasToken() {
    return token != null;
  }

  /** A read-only route, open to anyone who can reach the port. */
  public Router get(String pattern, Handler handler) {
    return add("GET", pattern, handler, false);
  }

  /** A synchronous read-only route. */
  public Router getNow(String pattern, java.util.function.Function<ApiRequest, ApiResponse> h) {
    return get(pattern, request -> CompletableFuture.completedFuture(h.apply(request)));
  }

  /** A state-changing route: requires {@code Authorization: Bearer <token>}. */
  public Router post(String pattern, Handler handler) {
    return add("POST", pattern, handler, true);
  }

  public Router add(String method, String pattern, Handler handler, boolean authenticated) {
    Objects.requireNonNull(handler, "handler");
    if (!pattern.startsWith("/")) {
      throw new IllegalArgumentException("route pattern must start with '/': " + pattern);
    }
    routes.add(new Route(method, pattern.substring(1).split("/", -1), handler, authenticated));
    return this;
  }

  /**
   * The route for a request; null when no route has the path. {@code allowed} collects the methods
   * the path has when none of them is {@code method}, for a 405.
   */
  @Nullable Match match(String method, String path, List<String> allowed) {
    String[] parts = path.substring(1).split("/", -1);
    for (Route route : routes) {
      Map<String, String> params = params(route.segments(), parts);
      if (params == null) {
        continue;
      }
      if (route.method().equals(method)) {
        return new Match(route.handler(), params, route.authenticated());
      }
      allowed.add(route.method());
    }
    return null;
  }

  private static @Nullable Map<String, String> params(String[] pattern, String[] parts) {
    if (pattern.length != parts.length) {
      return null;
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < pattern.length; i++) {
      if (PARAM.matcher(pattern[i]).matches()) {
        if (parts[i].isEmpty()) {
          return null;
        }
        params.put(pattern[i].substring(1, pattern[i].length() - 1), parts[i]);
      } else if (!pattern[i].equals(parts[i])) {
        return null;
      }
    }
    return params;
  }

  /** Whether the header carries the token; compared in constant time. */
  boolean authorized(@Nullable String authorization) {
    if (token == null || authorization == null
        || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, token);
  }
}
