package io.floorgate.api;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Sends a WebSocket upgrade for one of the server's further stream paths (the status page's) to
 * that stream: swaps the alarm stream's protocol handler and handler for the stream's own, then
 * passes the request on. Every other request goes through untouched.
 */
final class WebSocketSwitch extends ChannelInboundHandlerAdapter {

  private final Map<String, Supplier<ChannelHandler>> streams;
  private final long handshakeMillis;

  WebSocketSwitch(Map<String, Supplier<ChannelHandler>> streams, long handshakeMillis) {
    this.streams = streams;
    this.handshakeMillis = handshakeMillis;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof FullHttpRequest request && request.headers()
        .containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
      String path = new QueryStringDecoder(request.uri()).path();
      Supplier<ChannelHandler> stream = streams.get(path);
      if (stream != null) {
        WebSocketServerProtocolConfig config = ApiInitializer.streamConfig(path,
            handshakeMillis);
        // The alarm stream's handshake handler (added by its protocol handler, which adds one
        // only when none is there) must go too, or it would answer this path with a 404.
        for (String name : ctx.pipeline().names()) {
          if (name.endsWith("WebSocketServerProtocolHandshakeHandler")) {
            ctx.pipeline().remove(name);
          }
        }
        ctx.pipeline().replace("websocket", "websocket", new WebSocketServerProtocolHandler(config));
        ctx.pipeline().replace("alarm-stream", "stream", stream.get());
      }
    }
    ctx.fireChannelRead(msg);
  }
}
