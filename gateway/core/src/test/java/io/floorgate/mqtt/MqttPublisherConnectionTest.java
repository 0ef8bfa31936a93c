package io.floorgate.mqtt;

import static io.floorgate.mqtt.Readings.config;
import static io.floorgate.mqtt.Readings.reading;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.floorgate.buffer.DiskBuffer;
import io.floorgate.config.Namespace;
import io.floorgate.testkit.Recorder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The publisher when the broker is away, silent, or drops the connection. */
@Timeout(60)
class MqttPublisherConnectionTest {

  private static final String ZONE3 = "jxnmm/isohara/calcination/rhk01/zone03/temperature";

  @TempDir Path dir;
  private final String prefix = Readings.uniquePrefix();
  private final Namespace namespace = new Namespace("jxnmm", "isohara", prefix);
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger publisherLog = (Logger) LoggerFactory.getLogger(MqttPublisher.class);

  @BeforeEach
  void captureLog() {
    log.start();
    publisherLog.addAppender(log);
  }

  @AfterEach
  void releaseLog() {
    publisherLog.detachAppender(log);
  }

  @Test
  void unreachableBrokerIsRetriedWhileOfferKeepsQueueingInTheBuffer() throws IOException {
    String url = "tcp://127.0.0.1:" + portWhereNothingListens();
    try (DiskBuffer buffer = Readings.buffer(dir)) {
      MqttPublisher publisher = new MqttPublisher(config(url, 1000), namespace, buffer, 0);

      publisher.start();
      for (int i = 0; i < 150; i++) {
        assertTrue(publisher.offer(reading(ZONE3, (double) i)));
      }

      assertEquals(0, publisher.dropped());
      assertEquals(150, publisher.queued());
      assertFalse(publisher.isConnected());
      await().atMost(Duration.ofSeconds(10)).until(() -> warnings().stream()
          .anyMatch(m -> m.contains(url) && m.contains("next attempt in")));
      assertTimeoutPreemptively(Duration.ofSeconds(10), publisher::close);
      assertFalse(publisher.offer(reading(ZONE3, 1.0)));
      assertEquals(150, buffer.size(), "unsent readings stay in the buffer for the next start");
      assertEquals(0, publisher.published());
    }
  }

  @Test
  void closeReturnsPromptlyWhileTheBrokerDoesNotAnswer() throws Exception {
    // Accepts TCP but never sends a CONNACK, like a broker that hangs.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try (Socket ignored = silent.accept()) {
          ignored.getInputStream().readAllBytes();
        } catch (IOException e) {
          // Test over.
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      try (DiskBuffer buffer = Readings.buffer(dir)) {
        MqttPublisher publisher = new MqttPublisher(
            config("tcp://127.0.0.1:" + silent.getLocalPort(), 1000), namespace, buffer, 0);
        publisher.start();
        publisher.offer(reading(ZONE3, 1.0));

        assertTimeoutPreemptively(Duration.ofSeconds(5), publisher::close);
        assertEquals(0, publisher.published());
      }
    }
  }

  @Test
  void publisherReconnectsRepublishesMetaAndDeliversAfterConnectionLoss() throws Exception {
    TagMeta meta = new TagMeta(ZONE3, "rhk01", "ns=2;s=RHK01.Zone03.TempPV", "°C", null,
        "Zone 3 temperature", null, Map.of());
    String metaTopic = Topics.meta(namespace, ZONE3);
    try (TcpProxy proxy = new TcpProxy(1883);
        Recorder subscriber = Recorder.subscribe("tcp://127.0.0.1:1883", prefix + "/#");
        DiskBuffer buffer = Readings.buffer(dir);
        MqttPublisher publisher = new MqttPublisher(
            config("tcp://127.0.0.1:" + proxy.port(), 1000), namespace, buffer, 0)) {
      publisher.publishMeta(List.of(meta));
      publisher.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> publisher.metaPublished() == 1);
      publisher.offer(reading(ZONE3, 1.0));
      await().atMost(Duration.ofSeconds(10)).until(() -> publisher.published() == 1);

      proxy.cutConnections();

      await().atMost(Duration.ofSeconds(20)).until(() -> publisher.metaPublished() == 2);
      publisher.offer(reading(ZONE3, 2.0));
      await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.messages().stream()
          .filter(r -> r.topic().equals(prefix + "/" + ZONE3)).count() == 2);
      assertEquals(2, subscriber.messages().stream()
          .filter(r -> r.topic().equals(metaTopic)).count());
      assertTrue(warnings().stream().anyMatch(m -> m.contains("lost")), warnings().toString());
      subscriber.clearRetained(metaTopic);
    }
  }

  private List<String> warnings() {
    return log.list.stream().filter(e -> e.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage).toList();
  }

  private static int portWhereNothingListens() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
