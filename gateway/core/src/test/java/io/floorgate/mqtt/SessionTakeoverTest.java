package io.floorgate.mqtt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.floorgate.alarm.AlarmMqtt;
import io.floorgate.alarm.AlarmTopics;
import io.floorgate.broker.BrokerConnection;
import io.floorgate.buffer.DiskBuffer;
import io.floorgate.config.BrokerConfig;
import io.floorgate.config.MqttConfig;
import io.floorgate.config.MqttProtocol;
import io.floorgate.config.Namespace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * Two gateways started with one client id, against the real Mosquitto on 127.0.0.1:1883: the
 * broker hands the session to the newer one each time; the gateway says so once and waits,
 * instead of taking the session back several times a second.
 */
@Timeout(120)
class SessionTakeoverTest {

  private static final String BROKER = "tcp://127.0.0.1:1883";
  /** Long enough for dozens of takeovers when both reconnect at once. */
  private static final Duration WATCHED = Duration.ofSeconds(12);

  @TempDir Path dir;
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(MqttPublisher.class);

  @AfterEach
  void cleanUp() throws Exception {
    logger.detachAppender(log);
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  @ParameterizedTest
  @EnumSource(value = MqttProtocol.class, names = {"V5", "V3_1_1"})
  void twoGatewaysWithOneClientIdAreToldSoOnceAndStopFighting(MqttProtocol protocol)
      throws Exception {
    log.start();
    logger.addAppender(log);
    String clientId = "floorgate-takeover-" + UUID.randomUUID().toString().substring(0, 8);
    MqttConfig config = new MqttConfig(List.of(BROKER), clientId, 1, 100, Duration.ofSeconds(3),
        null, null, null, MqttConfig.DEFAULT_KEEP_ALIVE, protocol);
    Namespace namespace = new Namespace("jxnmm", "isohara", Readings.uniquePrefix());

    MqttPublisher first = publisher(config, namespace);
    first.start();
    await().atMost(Duration.ofSeconds(10)).until(first::isConnected);
    MqttPublisher second = publisher(config, namespace);
    second.start();

    String named = "another client with id " + clientId;
    await().atMost(Duration.ofSeconds(20)).until(() -> warnings().stream()
        .anyMatch(m -> m.contains(named)));
    long namedAt = System.nanoTime();
    await().pollDelay(WATCHED).atMost(WATCHED.plusSeconds(5)).until(() -> true);

    List<String> warnings = warnings();
    String line = warnings.stream().filter(m -> m.contains(named)).findFirst().orElseThrow();
    assertTrue(line.contains("each gateway needs its own `mqtt.clientId`; next attempt in 30 s"),
        line);
    assertEquals(1, warnings.stream().filter(m -> m.contains(named)).count(), warnings.toString());
    assertTrue(warnings.size() <= 4, warnings.size() + " lines: " + warnings);
    // The slower retry: no connect for 30 s after the line, so the other one keeps the session.
    assertTrue(connectsSince(namedAt) == 0, "connects after the takeover: " + info());
  }

  @Test
  void theAlarmLaneNamesItsOwnClientIdKey() {
    var alarmLog = new ListAppender<ILoggingEvent>();
    var alarmLogger = (Logger) LoggerFactory.getLogger(AlarmMqtt.class);
    alarmLog.start();
    alarmLogger.addAppender(alarmLog);
    String clientId = "floorgate-alarms-" + UUID.randomUUID().toString().substring(0, 8);
    BrokerConfig broker = new BrokerConfig(List.of(BROKER), clientId, null, null, null,
        Duration.ofSeconds(20), Duration.ofSeconds(3));
    AlarmTopics topics = new AlarmTopics(new Namespace("jxnmm", "isohara",
        Readings.uniquePrefix()));
    try {
      AlarmMqtt first = open(new AlarmMqtt(new BrokerConnection("alarm", broker), topics,
          List::of));
      first.start();
      await().atMost(Duration.ofSeconds(10)).until(first::isConnected);
      open(new AlarmMqtt(new BrokerConnection("alarm", broker), topics, List::of)).start();

      await().atMost(Duration.ofSeconds(20)).until(() -> alarmLog.list.stream()
          .anyMatch(e -> e.getFormattedMessage().contains("another client with id " + clientId)));
      await().pollDelay(Duration.ofSeconds(5)).until(() -> true);
      List<String> lines = alarmLog.list.stream().filter(e -> e.getLevel() == Level.WARN)
          .map(ILoggingEvent::getFormattedMessage).toList();
      assertTrue(lines.stream().anyMatch(l -> l.contains("each gateway needs its own "
          + "`alarms.clientId`; next attempt in 30 s")), lines.toString());
      assertTrue(lines.size() <= 4, lines.size() + " lines: " + lines);
    } finally {
      alarmLogger.detachAppender(alarmLog);
    }
  }

  private MqttPublisher publisher(MqttConfig config, Namespace namespace) {
    DiskBuffer buffer = open(Readings.buffer(dir));
    return open(new MqttPublisher(config, namespace, buffer, 0));
  }

  private List<String> warnings() {
    synchronized (log) {
      return log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
          .map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  private List<String> info() {
    synchronized (log) {
      return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  private long connectsSince(long nanos) {
    long sinceMillis = System.currentTimeMillis() - (System.nanoTime() - nanos) / 1_000_000;
    synchronized (log) {
      return log.list.stream()
          .filter(e -> e.getTimeStamp() > sinceMillis + 500)
          .filter(e -> e.getFormattedMessage().startsWith("MQTT connected to")).count();
    }
  }

  private <T extends AutoCloseable> T open(T closeable) {
    toClose.add(closeable);
    return closeable;
  }
}
