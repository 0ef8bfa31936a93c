package io.floorgate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floorgate.alarm.Alarm;
import io.floorgate.alarm.AlarmEvent;
import io.floorgate.alarm.AlarmListener;
import io.floorgate.alarm.AlarmState;
import io.floorgate.alarm.Transition;
import io.floorgate.config.AlarmKind;
import io.floorgate.config.AlarmPriority;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The alarm stream's handler in {@link EmbeddedChannel}s, fed by a feed the test drives. */
class AlarmStreamHandlerTest {

  static final ObjectMapper JSON = new ObjectMapper();

  /** A feed that snapshots its one alarm on subscribe and lets the test send transitions. */
  static final class TestFeed implements AlarmFeed {
    final List<AlarmListener> listeners = new ArrayList<>();
    final List<Alarm> active = new ArrayList<>();

    @Override
    public void subscribe(AlarmListener listener) {
      listener.snapshot(active);
      listeners.add(listener);
    }

    @Override
    public void unsubscribe(AlarmListener listener) {
      listeners.remove(listener);
    }

    void send(AlarmEvent event) {
      listeners.forEach(l -> l.transition(event));
    }
  }

  /** A socket whose peer never reads: writes are held, never completed. */
  static final class StalledSocket extends ChannelOutboundHandlerAdapter {
    final List<Object> held = new ArrayList<>();

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      held.add(msg);
    }

    void release() {
      held.forEach(ReferenceCountUtil::release);
    }
  }

  static int sequence;

  static AlarmEvent event(Transition transition, AlarmState state, String message) {
    Instant now = Instant.now();
    Alarm alarm = new Alarm("calcination.rhk01.zone05.temperature.hi",
        "jxnmm/isohara/calcination/rhk01/zone05/temperature/hi",
        "jxnmm/isohara/calcination/rhk01/zone05/temperature", "rhk01", AlarmKind.HI, io.floorgate.config.AlarmClass.PROCESS,
        AlarmPriority.HIGH, 750, message, 800.0, "°C", state, true, false, 812.5, "GOOD", now,
        null, now, now, null, null, null, null, null, "e-" + (++sequence));
    return new AlarmEvent("e-" + sequence, transition, now, AlarmEvent.SYSTEM, null, alarm);
  }

  static EmbeddedChannel client(TestFeed feed, long buffer, ChannelOutboundHandlerAdapter... first) {
    EmbeddedChannel channel = new EmbeddedChannel(first);
    channel.pipeline().addLast(new AlarmStreamHandler(feed, buffer));
    channel.pipeline().fireUserEventTriggered(new WebSocketServerProtocolHandler.HandshakeComplete(
        "/alarms/stream", EmptyHttpHeaders.INSTANCE, null));
    channel.runPendingTasks();
    return channel;
  }

  static JsonNode readText(EmbeddedChannel channel) throws Exception {
    channel.runPendingTasks();
    TextWebSocketFrame frame = channel.readOutbound();
    try {
      return JSON.readTree(frame.content().toString(StandardCharsets.UTF_8));
    } finally {
      frame.release();
    }
  }

  @Test
  void snapshotComesFirstThenEveryTransition() throws Exception {
    TestFeed feed = new TestFeed();
    feed.active.add(event(Transition.RAISE, AlarmState.UNACKED, "already active").alarm());
    EmbeddedChannel channel = client(feed, 1 << 20);

    JsonNode snapshot = readText(channel);
    assertEquals("snapshot", snapshot.path("type").asText());
    assertEquals("already active", snapshot.path("alarms").get(0).path("message").asText());

    feed.send(event(Transition.ACK, AlarmState.ACKED, "acked"));
    JsonNode transition = readText(channel);
    assertEquals("transition", transition.path("type").asText());
    assertEquals("ACK", transition.path("transition").asText());
    assertEquals("ACKED", transition.path("alarm").path("state").asText());
    assertEquals(812.5, transition.path("alarm").path("value").asDouble());
    assertFalse(channel.finish());
  }

  @Test
  void closedClientIsUnsubscribed() {
    TestFeed feed = new TestFeed();
    EmbeddedChannel channel = client(feed, 1 << 20);
    assertEquals(1, feed.listeners.size());
    ReferenceCountUtil.release(channel.readOutbound());
    channel.close();
    assertTrue(feed.listeners.isEmpty());
    assertFalse(channel.finish());
  }

  @Test
  void slowClientIsClosedWithAReasonAndOthersStillGetEverything() throws Exception {
    TestFeed feed = new TestFeed();
    StalledSocket stalled = new StalledSocket();
    EmbeddedChannel slow = client(feed, 4096, stalled);
    EmbeddedChannel fast = client(feed, 4096);
    ReferenceCountUtil.release(fast.readOutbound());

    for (int i = 0; i < 20; i++) {
      feed.send(event(Transition.RAISE, AlarmState.UNACKED, "x".repeat(500)));
      slow.runPendingTasks();
      assertEquals("RAISE", readText(fast).path("transition").asText());
    }
    slow.advanceTimeBy(StreamClient.CLOSE_GRACE_MILLIS + 1, TimeUnit.MILLISECONDS);
    slow.runScheduledPendingTasks();

    assertFalse(slow.isOpen());
    CloseWebSocketFrame close = stalled.held.stream().filter(CloseWebSocketFrame.class::isInstance)
        .map(CloseWebSocketFrame.class::cast).findFirst().orElseThrow();
    assertEquals(1008, close.statusCode());
    assertTrue(close.reasonText().startsWith("too slow"), close.reasonText());
    // Held back: the snapshot and the frames that fit in 4096 bytes, not all twenty.
    assertTrue(stalled.held.size() < 12, "frames queued for the slow client: " + stalled.held.size());
    stalled.release();
    assertFalse(slow.finish());
    assertFalse(fast.finish());
  }
}
