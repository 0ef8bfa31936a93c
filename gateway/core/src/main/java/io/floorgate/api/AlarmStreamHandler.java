package io.floorgate.api;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import org.jspecify.annotations.Nullable;

/**
 * Subscribes a WebSocket client to the alarm feed once its handshake completes, and unsubscribes
 * it when it goes. The stream is one-way: frames from the client are dropped.
 */
final class AlarmStreamHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

  private final AlarmFeed feed;
  private final long buffer;
  private @Nullable StreamClient client;

  AlarmStreamHandler(AlarmFeed feed, long buffer) {
    this.feed = feed;
    this.buffer = buffer;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete && client == null) {
      client = new StreamClient(ctx.channel(), buffer, feed.latency());
      feed.subscribe(client);
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    // Consoles have nothing to say on this stream; SimpleChannelInboundHandler releases the frame.
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    StreamClient c = client;
    if (c != null) {
      feed.unsubscribe(c);
    }
    super.channelInactive(ctx);
  }
}
