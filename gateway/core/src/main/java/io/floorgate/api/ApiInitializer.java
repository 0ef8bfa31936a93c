package io.floorgate.api;

import io.floorgate.config.ApiConfig;
import io.floorgate.driver.Backoff;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** The whole server pipeline, in order. */
final class ApiInitializer extends ChannelInitializer<SocketChannel> {

  static final String STREAM_PATH = "/alarms/stream";
  /** Request bodies are small JSON commands. */
  static final int MAX_CONTENT = 64 * 1024;
  /** Names the WebSocket keep-alive swaps or removes once a handshake completes. */
  static final String IDLE = "idle";
  static final String REQUEST_TIMEOUT = "request-timeout";
  static final String REQUEST_COMPLETE = "request-complete";

  private final ApiConfig config;
  private final ConnectionLimitHandler limit;
  private final Router router;
  private final AlarmFeed feed;
  private final Map<String, Supplier<ChannelHandler>> streams;
  private final @Nullable WebSocketCounter counter;

  /**
   * @param limit   the server's connection cap, shared by every connection
   * @param streams further WebSocket paths and their stream handlers (the status page's)
   */
  ApiInitializer(ApiConfig config, ConnectionLimitHandler limit, Router router, AlarmFeed feed,
      Map<String, Supplier<ChannelHandler>> streams, @Nullable WebSocketCounter counter) {
    this.config = config;
    this.limit = limit;
    this.router = router;
    this.feed = feed;
    this.streams = Map.copyOf(streams);
    this.counter = counter;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ChannelPipeline p = ch.pipeline();
    p.addLast("limit", limit);
    p.addLast(IDLE, new IdleStateHandler(0, 0, config.idleTimeout().toNanos(),
        TimeUnit.NANOSECONDS));
    HttpTimeoutHandler timeout = new HttpTimeoutHandler(config.requestTimeout(),
        Backoff.humanize(config.requestTimeout()));
    p.addLast(REQUEST_TIMEOUT, timeout);
    p.addLast("http", new HttpServerCodec());
    p.addLast(REQUEST_COMPLETE, timeout.completion());
    p.addLast("aggregate", new HttpObjectAggregator(MAX_CONTENT));
    p.addLast("origin", new OriginCheckHandler(Set.copyOf(config.allowedOrigins())));
    if (!streams.isEmpty()) {
      p.addLast("stream-switch", new WebSocketSwitch(streams, config.requestTimeout().toMillis()));
    }
    p.addLast("websocket", new WebSocketServerProtocolHandler(
        streamConfig(STREAM_PATH, config.requestTimeout().toMillis())));
    p.addLast("websocket-keepalive", new WebSocketKeepAliveHandler(config.pingInterval()));
    if (counter != null) {
      p.addLast("websocket-count", counter);
    }
    p.addLast("alarm-stream", new AlarmStreamHandler(feed, config.streamBuffer()));
    p.addLast("routes", new RouterHandler(router));
  }

  /** A WebSocket stream at {@code path}; its handshake must complete within the timeout. */
  static WebSocketServerProtocolConfig streamConfig(String path, long handshakeMillis) {
    return WebSocketServerProtocolConfig.newBuilder()
        .websocketPath(path)
        .maxFramePayloadLength(MAX_CONTENT)
        .handshakeTimeoutMillis(handshakeMillis)
        .build();
  }
}
