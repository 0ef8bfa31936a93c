package io.floorgate.api;

import io.floorgate.alarm.Alarm;
import io.floorgate.alarm.AlarmEvent;
import io.floorgate.alarm.AlarmJson;
import io.floorgate.alarm.AlarmLatency;
import io.floorgate.alarm.AlarmListener;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket client of the alarm stream. Called on the engine's thread: it only counts the
 * bytes and hands the frame to the channel's event loop. A client whose unwritten bytes would pass
 * its buffer is closed with a reason (1008), so it never holds up the engine or other clients.
 */
final class StreamClient implements AlarmListener {

  private static final Logger log = LoggerFactory.getLogger(StreamClient.class);
  /** How long a slow client gets to read its close frame before the connection is dropped. */
  static final long CLOSE_GRACE_MILLIS = 1_000;

  /** The last event's JSON: every client gets the same bytes, encoded once. */
  private record Encoded(AlarmEvent event, byte[] json) {}

  private static volatile @Nullable Encoded last;

  private final Channel channel;
  private final long limit;
  private final AlarmLatency latency;
  private final AtomicLong pending = new AtomicLong();
  private volatile boolean closing;

  StreamClient(Channel channel, long limit, AlarmLatency latency) {
    this.channel = channel;
    this.limit = limit;
    this.latency = latency;
  }

  @Override
  public void snapshot(List<Alarm> alarms) {
    send(AlarmJson.snapshot(alarms), null);
  }

  @Override
  public void transition(AlarmEvent event) {
    Encoded e = last;
    if (e == null || e.event() != event) {
      e = new Encoded(event, AlarmJson.event(event));
      last = e;
    }
    send(e.json(), event);
  }

  long pendingBytes() {
    return pending.get();
  }

  /** @param timed the transition whose frame is timed once written, or null */
  private void send(byte[] json, @Nullable AlarmEvent timed) {
    if (closing) {
      return;
    }
    long size = json.length;
    if (pending.get() + size > limit) {
      tooSlow();
      return;
    }
    pending.addAndGet(size);
    // The frame owns the wrapped buffer (the array is shared by every client and never changed);
    // the pipeline releases it once written, or on failure.
    channel.eventLoop().execute(() -> channel.writeAndFlush(
        new TextWebSocketFrame(Unpooled.wrappedBuffer(json)))
        .addListener(f -> {
          pending.addAndGet(-size);
          if (timed != null && f.isSuccess()) {
            latency.record(AlarmLatency.Stage.WEBSOCKET, timed);
          }
        }));
  }

  private void tooSlow() {
    closing = true;
    log.warn("Alarm stream client {} is too slow: more than {} bytes unread; closing it (it gets "
        + "a fresh snapshot when it reconnects)", channel.remoteAddress(), limit);
    channel.eventLoop().execute(() -> {
      channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.POLICY_VIOLATION,
          "too slow: over " + limit + " bytes unread; reconnect for a snapshot"));
      // The close frame queues behind what the client has not read: do not wait for it forever.
      channel.eventLoop().schedule(() -> {
        channel.close();
      }, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    });
  }
}
