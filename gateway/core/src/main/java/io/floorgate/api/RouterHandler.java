package io.floorgate.api;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundInvoker;
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
    // HEAD is GET without the body: every GET route answers it.
    boolean head = method.equals("HEAD");
    Router.Match match = router.match(head ? "GET" : method, uri.path(), allowed);
    if (allowed.contains("GET")) {
      allowed.add(allowed.indexOf("GET") + 1, "HEAD");
    }
    if (match == null) {
      respond(ctx, allowed.isEmpty()
          ? ApiResponse.error(404, "not found", "no such endpoint: " + method + " " + uri.path())
          : ApiResponse.error(405, "method not allowed", uri.path() + " takes "
              + String.join(", ", allowed)).withHeader("Allow", String.join(", ", allowed)),
          keepAlive, head);
      return;
    }
    String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
    String remote = Audit.remote(ctx.channel());
    if (match.authenticated() && !router.authorized(authorization)) {
      Audit.refused(method, uri.path(), remote, 401, !router.hasToken()
          ? "the gateway has no api.token" : authorization == null ? "no token sent"
          : "wrong token");
      respond(ctx, ApiResponse.error(401, "unauthorized", router.hasToken()
          ? "send the API token as 'Authorization: Bearer <token>' (api.token in the gateway's "
              + "config)"
          : "this gateway has no api.token configured, so state-changing calls are disabled; "
              + "set one (e.g. FLOORGATE_API_TOKEN) and restart")
          .withHeader("WWW-Authenticate", "Bearer"), keepAlive, head);
      return;
    }
    // The body is copied out here: the request's buffer is released when this method returns.
    ApiRequest copy = new ApiRequest(method, uri.path(), match.params(), uri.parameters(),
        request.content().toString(StandardCharsets.UTF_8), authorization, remote);
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
            + "gateway; the gateway's log has the details"), keepAlive, head);
      } else {
        respond(ctx, response, keepAlive, head);
      }
    }));
  }

  /** Writes the answer; closes the connection after it unless {@code keepAlive}. */
  static ChannelFuture respond(ChannelOutboundInvoker out, ApiResponse response,
      boolean keepAlive) {
    return respond(out, response, keepAlive, false);
  }

  private static ChannelFuture respond(ChannelOutboundInvoker out, ApiResponse response,
      boolean keepAlive, boolean head) {
    ChannelFuture written = out.writeAndFlush(http(response, keepAlive, head));
    if (!keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
    return written;
  }

  /** The HTTP form of an answer; for {@code HEAD}, its headers (with the length) and no body. */
  static FullHttpResponse http(ApiResponse response, boolean keepAlive, boolean head) {
    FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(response.status()),
        head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(response.body()));
    http.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
    http.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
    for (Map.Entry<String, String> h : response.headers().entrySet()) {
      http.headers().set(h.getKey(), h.getValue());
    }
    HttpUtil.setContentLength(http, response.body().length);
    HttpUtil.setKeepAlive(http, keepAlive);
    return http;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A client that hangs up mid-request is routine; anything else is worth a line, not a trace.
    log.debug("API connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
