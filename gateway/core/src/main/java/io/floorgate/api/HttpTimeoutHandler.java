package io.floorgate.api;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP connection's clocks, against slow and idle clients. A request (or WebSocket handshake)
 * must arrive whole within the request timeout of its first byte, else it is answered {@code 408}
 * and the connection closed: a client trickling a byte at a time (slowloris) keeps no connection.
 * The idle timeout, told by an {@link io.netty.handler.timeout.IdleStateHandler} before this
 * handler, closes a keep-alive connection with no request under way.
 *
 * <p>Sits before the HTTP decoder to see the first byte; its {@link #completion()} handler sits
 * after the decoder to see the request's end (also of one the aggregator refuses as too large).
 */
final class HttpTimeoutHandler extends ChannelInboundHandlerAdapter {

  private final long timeoutNanos;
  private final String setting;
  private @Nullable ScheduledFuture<?> deadline;

  /** @param setting the timeout as configured, for the 408's message */
  HttpTimeoutHandler(Duration requestTimeout, String setting) {
    this.timeoutNanos = requestTimeout.toNanos();
    this.setting = setting;
  }

  /** Stops the clock when a whole request has been read: its last content, or a parse error. */
  ChannelHandler completion() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof LastHttpContent) {
          stop();
        }
        ctx.fireChannelRead(msg);
      }
    };
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (deadline == null && msg instanceof ByteBuf bytes && bytes.isReadable()) {
      deadline = ctx.executor().schedule(() -> timedOut(ctx), timeoutNanos,
          TimeUnit.NANOSECONDS);
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof IdleStateEvent) {
      // A request under way has its own clock; an idle keep-alive connection just goes.
      if (deadline == null) {
        ctx.close();
      }
      return;
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    stop();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    stop();
    super.channelInactive(ctx);
  }

  private void stop() {
    ScheduledFuture<?> d = deadline;
    deadline = null;
    if (d != null) {
      d.cancel(false);
    }
  }

  private void timedOut(ChannelHandlerContext ctx) {
    deadline = null;
    // Written from the tail, so that the HTTP encoder after this handler encodes it.
    RouterHandler.respond(ctx.channel(), ApiResponse.error(408, "request timeout",
        "the request did not arrive whole within " + setting + " (api.requestTimeout); send "
            + "it at once"), false);
  }
}
