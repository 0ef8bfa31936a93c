package io.floorgate.api;

import io.floorgate.config.ApiConfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's HTTP/WebSocket server: the routes of a {@link Router} and the alarm stream at
 * {@code /alarms/stream}. Two event-loop threads (accept, and one for every connection): the
 * clients are a few consoles and scrapers, and the box has two cores. The {@code api:} limits
 * (connection cap, request and idle timeouts, WebSocket pings, allowed origins) keep idle, slow
 * or foreign clients from holding its file descriptors or its streams; see
 * {@link ApiInitializer} for where each is applied.
 */
public final class ApiServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  private final ApiConfig config;
  private final Router router;
  private final AlarmFeed feed;
  private final EventLoopGroup boss = new NioEventLoopGroup(1, new DefaultThreadFactory("floorgate-api-accept", true));
  private final EventLoopGroup workers = new NioEventLoopGroup(1,
      // It writes the alarm stream's frames: above telemetry, as the alarm lane (AlarmEngine).
      new DefaultThreadFactory("floorgate-api", true, Thread.MAX_PRIORITY));
  private @Nullable Channel server;

  private final java.util.Map<String, java.util.function.Supplier<io.netty.channel.ChannelHandler>>
      streams = new java.util.concurrent.ConcurrentHashMap<>();
  private final WebSocketCounter counter = new WebSocketCounter();
  private final ConnectionLimitHandler limit;

  public ApiServer(ApiConfig config, Router router, AlarmFeed feed) {
    this.config = config;
    this.limit = new ConnectionLimitHandler(config.maxConnections());
    this.router = router;
    this.feed = feed;
  }

  /** Binds and starts serving; fails when the address is taken, naming it. */
  public void start() {
    try {
      server = new ServerBootstrap()
          .group(boss, workers)
          .channel(NioServerSocketChannel.class)
          .handler(limit.acceptor())
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new ApiInitializer(config, limit, router, feed, streams, counter))
          .bind(config.bind(), config.port())
          .syncUninterruptibly()
          .channel();
    } catch (Exception e) {
      // Netty rethrows the bind's checked BindException without declaring it: a caller's
      // catch (IOException) meant for something else would take it, so it is wrapped here.
      close();
      throw new IllegalStateException("API server: " + ListenFailure.describe(config.bind(),
          config.port(), e, "api.bind", "api.port"), e);
    }
    if (config.token() == null) {
      log.warn("API has no token (api.token): acknowledging and shelving over HTTP are refused; "
          + "set FLOORGATE_API_TOKEN (or api.token) to enable them");
    }
    String base = "http://" + reachableHost() + ":" + port();
    log.info("Status page {}/ — metrics {}/metrics, health {}/health/ready, alarm stream "
        + "ws://{}:{}{}{}", base, base, base, reachableHost(), port(), ApiInitializer.STREAM_PATH,
        wildcard() ? " (listening on every interface)" : "");
  }

  /** The host in the announced URLs: one a browser can open, also when bound to every interface. */
  private String reachableHost() {
    return wildcard() ? "localhost" : config.bind().contains(":") ? "[" + config.bind() + "]"
        : config.bind();
  }

  private boolean wildcard() {
    return config.bind().equals("0.0.0.0") || config.bind().equals("::")
        || config.bind().equals("[::]");
  }

  /**
   * Serves a further WebSocket stream at {@code path} (e.g. the status page's); call before
   * {@link #start}. Each connection gets a new handler from {@code handler}.
   */
  public void webSocket(String path, java.util.function.Supplier<io.netty.channel.ChannelHandler> handler) {
    streams.put(path, handler);
  }

  /** Open WebSocket streams of every kind. */
  public int webSocketClients() {
    return counter.open();
  }

  /** Connections refused since start because {@code api.maxConnections} were open. */
  public long connectionsRefused() {
    return limit.refused();
  }

  /** The port bound, e.g. when the config asked for any free one (0). */
  public int port() {
    Channel s = server;
    return s == null ? config.port() : ((InetSocketAddress) s.localAddress()).getPort();
  }

  @Override
  public void close() {
    Channel s = server;
    if (s != null) {
      s.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
