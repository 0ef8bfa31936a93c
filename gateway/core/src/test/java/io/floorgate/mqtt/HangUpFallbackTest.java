package io.floorgate.mqtt;

import static io.floorgate.mqtt.Readings.reading;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.floorgate.buffer.DiskBuffer;
import io.floorgate.config.MqttConfig;
import io.floorgate.config.MqttProtocol;
import io.floorgate.config.Namespace;
import io.floorgate.config.UnsConfig;
import io.floorgate.testkit.HangUpOnMqtt5;
import io.floorgate.testkit.MoquetteBroker;
import io.floorgate.testkit.Recorder311;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A 3.1.1-only broker that hangs up on the MQTT 5 CONNECT instead of refusing it: under
 * {@code protocol: auto} the lane tries 3.1.1 at once and keeps it when the broker takes it.
 */
@Timeout(60)
class HangUpFallbackTest {

  private static final String TAG = "jxnmm/isohara/calcination/rhk01/heartbeat";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger floorgateLog = (Logger) LoggerFactory.getLogger("io.floorgate");

  @BeforeEach
  void capture() {
    log.start();
    floorgateLog.addAppender(log);
  }

  @AfterEach
  void release() {
    floorgateLog.detachAppender(log);
  }

  @Test
  void aHangUpOnMqtt5IsTriedWith311AndKeptWhenTheBrokerTakesIt() throws Exception {
    String prefix = Readings.uniquePrefix();
    try (MoquetteBroker broker = MoquetteBroker.start();
        HangUpOnMqtt5 front = new HangUpOnMqtt5(broker.port());
        Recorder311 consumer = Recorder311.subscribe(broker.url(), prefix + "/#");
        DiskBuffer buffer = Readings.buffer(dir);
        MqttPublisher publisher = new MqttPublisher(config(front.url(), MqttProtocol.AUTO),
            new Namespace("jxnmm", "isohara", prefix), buffer, 0, UnsConfig.defaults())) {
      publisher.start();
      publisher.offer(reading(TAG, 1L));

      await().atMost(WAIT).until(() -> consumer.on(prefix + "/" + TAG).size() == 1);
    }
    List<String> lines = messages(Level.INFO).stream()
        .filter(m -> m.startsWith("MQTT UNS connection speaks MQTT 3.1.1")).toList();
    assertEquals(1, lines.size(), lines::toString);
    assertTrue(lines.get(0).contains("hung up on the MQTT 5 CONNECT"), lines.get(0));
    assertEquals(List.of(), messages(Level.WARN).stream()
        .filter(m -> m.contains("not reachable")).toList());
  }

  @Test
  void withProtocol5AHangUpSuggestsAutoBesideTheCredentials() throws Exception {
    try (MoquetteBroker broker = MoquetteBroker.start();
        HangUpOnMqtt5 front = new HangUpOnMqtt5(broker.port());
        DiskBuffer buffer = Readings.buffer(dir);
        MqttPublisher publisher = new MqttPublisher(config(front.url(), MqttProtocol.V5),
            new Namespace("jxnmm", "isohara", Readings.uniquePrefix()), buffer, 0,
            UnsConfig.defaults())) {
      publisher.start();

      await().atMost(WAIT).untilAsserted(() -> assertTrue(messages(Level.WARN).stream()
          .anyMatch(m -> m.contains("not reachable") && m.contains("check the credentials")
              && m.contains("set protocol: auto")), messages(Level.WARN)::toString));
    }
  }

  private static MqttConfig config(String url, MqttProtocol protocol) {
    return new MqttConfig(List.of(url), "floorgate-test-" + UUID.randomUUID(), 1, 100,
        Duration.ofSeconds(3), null, null, null, MqttConfig.DEFAULT_KEEP_ALIVE, protocol);
  }

  private List<String> messages(Level level) {
    List<ILoggingEvent> events;
    synchronized (log) {
      events = List.copyOf(log.list);
    }
    return events.stream().filter(e -> e.getLevel().equals(level))
        .map(ILoggingEvent::getFormattedMessage).toList();
  }
}
