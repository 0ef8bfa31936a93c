package io.floorgate.ops;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The status page's stream: once a second, on the channel's own event loop, a frame with the
 * connections, the broker, the buffer and every tag that changed since the previous frame. A
 * client that cannot keep up (channel not writable) is skipped until it can; what changed
 * meanwhile goes in its next frame, so nothing is queued per client beyond one frame.
 */
final class StatusStreamHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

  static final long PERIOD_MILLIS = 1_000;

  private final StatusJson status;
  private long sent = -1;
  private @Nullable ScheduledFuture<?> ticker;

  StatusStreamHandler(StatusJson status) {
    this.status = status;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete && ticker == null) {
      send(ctx);
      ticker = ctx.executor().scheduleAtFixedRate(() -> send(ctx), PERIOD_MILLIS, PERIOD_MILLIS,
          TimeUnit.MILLISECONDS);
    }
    super.userEventTriggered(ctx, event);
  }

  private void send(ChannelHandlerContext ctx) {
    if (!ctx.channel().isActive() || !ctx.channel().isWritable()) {
      return;
    }
    StatusJson.Frame frame = status.frame(sent);
    sent = frame.version();
    ctx.writeAndFlush(new TextWebSocketFrame(frame.json()));
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    // One-way stream: the page says nothing on it.
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    ScheduledFuture<?> t = ticker;
    if (t != null) {
      t.cancel(false);
    }
    super.channelInactive(ctx);
  }
}
