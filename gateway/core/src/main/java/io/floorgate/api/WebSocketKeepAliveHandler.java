package io.floorgate.api;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a WebSocket stream honest once its handshake completes: the HTTP clocks go, and a client
 * that sends nothing for a ping interval is pinged; one still silent an interval later (no pong,
 * no frame) is gone, and its connection is closed.
 */
final class WebSocketKeepAliveHandler extends ChannelInboundHandlerAdapter {

  private final Duration interval;

  WebSocketKeepAliveHandler(Duration interval) {
    this.interval = interval;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
      ctx.pipeline().remove(ApiInitializer.REQUEST_TIMEOUT);
      ctx.pipeline().remove(ApiInitializer.REQUEST_COMPLETE);
      // Any byte read counts: a pong, or a frame of the client's own.
      ctx.pipeline().replace(ApiInitializer.IDLE, ApiInitializer.IDLE,
          new IdleStateHandler(interval.toNanos(), 0, 0, TimeUnit.NANOSECONDS));
    } else if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
      if (idle.isFirst()) {
        ctx.writeAndFlush(new PingWebSocketFrame());
      } else {
        // A client that reads nothing would never let the close frame finish: close anyway.
        ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.POLICY_VIOLATION,
            "no answer to ping"));
        ctx.close();
      }
      return;
    }
    super.userEventTriggered(ctx, event);
  }
}
