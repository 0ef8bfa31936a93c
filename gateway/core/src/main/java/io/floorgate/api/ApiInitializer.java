package io.floorgate.api;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** The whole server pipeline, in order. */
final class ApiInitializer extends ChannelInitializer<SocketChannel> {

  static final String STREAM_PATH = "/alarms/stream";
  /** Request bodies are small JSON commands. */
  static final int MAX_CONTENT = 64 * 1024;

  private final Router router;
  private final AlarmFeed feed;
  private final long streamBuffer;
  private final Map<String, Supplier<ChannelHandler>> streams;
  private final @Nullable WebSocketCounter counter;

  /** @param streams further WebSocket paths and their stream handlers (the status page's) */
  ApiInitializer(Router router, AlarmFeed feed, long streamBuffer,
      Map<String, Supplier<ChannelHandler>> streams, @Nullable WebSocketCounter counter) {
    this.router = router;
    this.feed = feed;
    this.streamBuffer = streamBuffer;
    this.streams = Map.copyOf(streams);
    this.counter = counter;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ChannelPipeline p = ch.pipeline();
    p.addLast("http", new HttpServerCodec());
    p.addLast("aggregate", new HttpObjectAggregator(MAX_CONTENT));
    if (!streams.isEmpty()) {
      p.addLast("stream-switch", new WebSocketSwitch(streams));
    }
    p.addLast("websocket", new WebSocketServerProtocolHandler(streamConfig()));
    if (counter != null) {
      p.addLast("websocket-count", counter);
    }
    p.addLast("alarm-stream", new AlarmStreamHandler(feed, streamBuffer));
    p.addLast("routes", new RouterHandler(router));
  }

  static WebSocketServerProtocolConfig streamConfig() {
    return WebSocketServerProtocolConfig.newBuilder()
        .websocketPath(STREAM_PATH)
        .maxFramePayloadLength(MAX_CONTENT)
        .handshakeTimeoutMillis(10_000)
        .build();
  }
}
