package io.floorgate.api;

import io.floorgate.driver.CauseThrottle;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the connections served at once, so idle or hostile clients cannot take the file
 * descriptors the MQTT and PLC connections need. A connection over the cap is answered one
 * {@code 503} with {@code Retry-After}, its input is discarded, and it is closed; refusals are
 * counted and logged once a minute.
 */
@ChannelHandler.Sharable
final class ConnectionLimitHandler extends ChannelInboundHandlerAdapter {

  private static final Logger log = LoggerFactory.getLogger(ConnectionLimitHandler.class);
  private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf("floorgate.refused");
  /** Seconds a refused client is asked to wait. */
  static final int RETRY_AFTER_SECONDS = 5;
  /**
   * How long a refused client gets to read the 503 before the connection is closed: closing with
   * its request unread would reset the connection and lose the answer. Only as many refused
   * connections as the cap linger so; under a flood the rest are closed as soon as the 503 is
   * written, so refusals never hold more than twice the cap in file descriptors.
   */
  static final long CLOSE_GRACE_MILLIS = 1_000;

  private final int max;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger lingering = new AtomicInteger();
  private final AtomicInteger alive = new AtomicInteger();
  private final AtomicLong refused = new AtomicLong();
  private final CauseThrottle throttle = new CauseThrottle();

  ConnectionLimitHandler(int max) {
    this.max = max;
  }

  /** Connections refused since start. */
  long refused() {
    return refused.get();
  }

  /**
   * For the listening channel, on the accepting thread: counts every accepted connection until
   * it closes, served or refused, and with twice the cap open stops accepting until some close,
   * so that a flood waits in the kernel's backlog rather than taking a file descriptor each. A
   * failed accept (the process out of file descriptors) is one line a minute with its fix, not a
   * stack trace per attempt; Netty's acceptor pauses accepting for a second after one.
   */
  ChannelHandler acceptor() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Channel child) {
          Channel server = ctx.channel();
          if (alive.incrementAndGet() >= 2 * max) {
            server.config().setAutoRead(false);
          }
          child.closeFuture().addListener(f -> {
            if (alive.decrementAndGet() < 2 * max) {
              server.config().setAutoRead(true);
            }
          });
        }
        ctx.fireChannelRead(msg);
      }

      @Override
      public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String line = throttle.admit("accept " + cause.getMessage(), "API cannot accept a "
            + "connection: " + cause.getMessage() + "; the process's open-file limit (ulimit -n, "
            + "LimitNOFILE in the systemd unit) is too low for api.maxConnections (" + max
            + ") plus the PLC and MQTT connections: raise it or lower api.maxConnections");
        if (line != null) {
          log.warn(line);
        }
      }
    };
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    if (open.incrementAndGet() <= max) {
      ctx.channel().closeFuture().addListener(f -> open.decrementAndGet());
      super.channelActive(ctx);
      return;
    }
    open.decrementAndGet();
    refuse(ctx);
  }

  private void refuse(ChannelHandlerContext ctx) {
    refused.incrementAndGet();
    ctx.channel().attr(REFUSED).set(true);
    String line = throttle.admit("cap", "API connection cap reached: " + max + " connections "
        + "open (api.maxConnections); new ones are answered 503 until some close. Raise "
        + "api.maxConnections if that many clients are expected, else find the client holding "
        + "them (the last refused: " + Audit.remote(ctx.channel()) + ")");
    if (line != null) {
      log.warn(line);
    }
    boolean linger = lingering.incrementAndGet() <= max;
    ctx.channel().closeFuture().addListener(f -> lingering.decrementAndGet());
    // Written from the tail, so that the HTTP encoder after this handler encodes it.
    ctx.channel().writeAndFlush(RouterHandler.http(ApiResponse.error(503, "service unavailable",
        "this gateway serves at most " + max + " connections at once (api.maxConnections); "
            + "retry later").withHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS)),
        false, false)).addListener(f -> {
          if (linger && ctx.channel() instanceof SocketChannel socket) {
            socket.shutdownOutput();
          } else {
            ctx.close();
          }
        });
    if (linger) {
      ctx.executor().schedule(() -> ctx.close(), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (Boolean.TRUE.equals(ctx.channel().attr(REFUSED).get())) {
      // Read and dropped: a refused client's request never reaches the HTTP decoder.
      ReferenceCountUtil.release(msg);
      return;
    }
    ctx.fireChannelRead(msg);
  }
}
