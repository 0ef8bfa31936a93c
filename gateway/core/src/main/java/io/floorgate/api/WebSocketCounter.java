package io.floorgate.api;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts open WebSocket streams, for the metrics: +1 at a completed handshake, −1 at close. */
@ChannelHandler.Sharable
final class WebSocketCounter extends ChannelInboundHandlerAdapter {

  private final AtomicInteger open = new AtomicInteger();

  int open() {
    return open.get();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
      open.incrementAndGet();
      ctx.channel().closeFuture().addListener(f -> open.decrementAndGet());
    }
    super.userEventTriggered(ctx, event);
  }
}
