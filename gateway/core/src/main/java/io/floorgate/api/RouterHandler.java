package io.floorgate.api;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers aggregated HTTP requests from the {@link Router}'s routes; errors as JSON. */
final class RouterHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  private static final Logger log = LoggerFactory.getLogger(RouterHandler.class);

  private final Router router;

  RouterHandler(Router router) {
    this.router = router;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (!request.decoderResult().isSuccess()) {
      respond(ctx, ApiResponse.error(400, "bad request", "the HTTP request could not be parsed"),
          false);
      return;
    }
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    List<String> allowed = new ArrayList<>();
    String method = request.method().name();
    Router.Match match = router.match(method, uri.path(), allowed);
    if (match == null) {
      respond(ctx, allowed.isEmpty()
          ? ApiResponse.error(404, "not found", "no such endpoint: " + method + " " + uri.path())
          : ApiResponse.error(405, "method not allowed", uri.path() + " takes "
              + String.join(", ", allowed)).withHeader("Allow", String.join(", ", allowed)),
          keepAlive);
      return;
    }
    String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
    if (match.authenticated() && !router.authorized(authorization)) {
      respond(ctx, ApiResponse.error(401, "unauthorized", router.hasToken()
          ? "send the API token as 'Authorization: Bearer <token>' (api.token in the gateway's "
              + "config)"
          : "this gateway has no api.token configured, so state-changing calls are disabled; "
              + "set one (e.g. FLOORGATE_API_TOKEN) and restart")
          .withHeader("WWW-Authenticate", "Bearer"), keepAlive);
      return;
    }
    // The body is copied out here: the request's buffer is released when this method returns.
    ApiRequest copy = new ApiRequest(method, uri.path(), match.params(), uri.parameters(),
        request.content().toString(StandardCharsets.UTF_8), authorization);
    CompletionStage<ApiResponse> answer;
    try {
      answer = match.handler().handle(copy);
    } catch (RuntimeException e) {
      answer = java.util.concurrent.CompletableFuture.failedFuture(e);
    }
    answer.whenComplete((response, failure) -> ctx.executor().execute(() -> {
      if (failure != null) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        log.error("{} {} failed: {}", method, uri.path(), cause.toString(), cause);
        respond(ctx, ApiResponse.error(500, "internal error", "the request failed inside the "
            + "gateway; the gateway's log has the details"), keepAlive);
      } else {
        respond(ctx, response, keepAlive);
      }
    }));
  }

  static void respond(ChannelHandlerContext ctx, ApiResponse response, boolean keepAlive) {
    FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
    http.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
    http.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
    for (Map.Entry<String, String> h : response.headers().entrySet()) {
      http.headers().set(h.getKey(), h.getValue());
    }
    HttpUtil.setContentLength(http, response.body().length);
    HttpUtil.setKeepAlive(http, keepAlive);
    var written = ctx.writeAndFlush(http);
    if (!keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A client that hangs up mid-request is routine; anything else is worth a line, not a trace.
    log.debug("API connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
