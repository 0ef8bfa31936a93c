package io.floorgate.api;

import io.floorgate.config.Origins;
import io.floorgate.driver.CauseThrottle;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses a WebSocket handshake from a page of another site with {@code 403}: browsers let any
 * page open a WebSocket to any host, and send the page's {@code Origin}. Allowed: no
 * {@code Origin} (not a browser), the gateway's own ({@code Origin} naming the {@code Host}),
 * and {@code api.allowedOrigins}. Other requests pass untouched.
 */
final class OriginCheckHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  private static final Logger log = LoggerFactory.getLogger(OriginCheckHandler.class);
  /** One line per origin a minute in the gateway's log; the audit trail has every refusal. */
  private static final CauseThrottle THROTTLE = new CauseThrottle();

  private final Set<String> allowed;

  /** @param allowed further origins, as {@link Origins#normalize} writes them */
  OriginCheckHandler(Set<String> allowed) {
    super(false);
    this.allowed = allowed;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    String origin = request.headers().get(HttpHeaderNames.ORIGIN);
    if (origin == null || !request.headers()
        .containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
        || allowed(origin, request.headers().get(HttpHeaderNames.HOST))) {
      // Passed on with the reference this handler was given.
      ctx.fireChannelRead(request);
      return;
    }
    String path = new QueryStringDecoder(request.uri()).path();
    request.release();
    String quoted = Audit.quote(origin);
    Audit.refused("GET", path, Audit.remote(ctx.channel()), 403, "WebSocket from origin "
        + quoted + ", not this gateway's nor in api.allowedOrigins");
    String line = THROTTLE.admit(origin, "WebSocket " + path + " refused to a page of "
        + quoted + ": add it to api.allowedOrigins if that site's pages may open the stream");
    if (line != null) {
      log.warn(line);
    }
    RouterHandler.respond(ctx, ApiResponse.error(403, "forbidden", "pages of " + origin
        + " may not open this gateway's streams; the gateway's api.allowedOrigins lists the "
        + "sites that may"), false);
  }

  private boolean allowed(String origin, @Nullable String host) {
    String normalized = Origins.normalize(origin);
    if (normalized == null) {
      return false;
    }
    if (allowed.contains(normalized)) {
      return true;
    }
    // Same origin: the page came from the address the browser now connects to.
    String scheme = normalized.substring(0, normalized.indexOf("://") + 3);
    return host != null && normalized.equals(Origins.normalize(scheme + host));
  }
}
