package io.floorgate.mqtt;

import static io.floorgate.mqtt.Readings.reading;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.floorgate.buffer.DiskBuffer;
import io.floorgate.config.MqttConfig;
import io.floorgate.config.Namespace;
import io.floorgate.config.TlsConfig;
import io.floorgate.testkit.MosquittoProcess;
import io.floorgate.testkit.Recorder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A Mosquitto of the test's own with a TLS listener whose certificate a test CA signed, and which
 * requires a client certificate from that CA; a plain listener beside it for the subscriber.
 */
@Timeout(120)
class TlsBrokerTest {

  private static final String ZONE3 = "jxnmm/isohara/calcination/rhk01/zone03/temperature";

  @TempDir static Path pki;
  static TestCa plantCa;
  static TestCa otherCa;
  static TestCa.Issued gatewayCert;
  static int tlsPort;
  static MosquittoProcess broker;

  @TempDir Path dir;
  private final String prefix = Readings.uniquePrefix();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger publisherLog = (Logger) LoggerFactory.getLogger(MqttPublisher.class);

  @BeforeAll
  static void startBroker() throws Exception {
    plantCa = TestCa.create(pki, "plant");
    otherCa = TestCa.create(pki, "other");
    TestCa.Issued brokerCert = plantCa.server(pki);
    gatewayCert = plantCa.client(pki);
    tlsPort = MosquittoProcess.freePort();
    broker = MosquittoProcess.in(pki.resolve("broker")).config(
        "listener " + tlsPort + " 127.0.0.1",
        "cafile " + plantCa.certFile(),
        "certfile " + brokerCert.cert(),
        "keyfile " + brokerCert.key(),
        "require_certificate true").start();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

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
  void connectsWithVerificationAndClientCertificateTryingTheBrokersInOrder() throws Exception {
    String nothingThere = "ssl://127.0.0.1:" + MosquittoProcess.freePort();
    String tls = "ssl://127.0.0.1:" + tlsPort;
    MqttConfig config = new MqttConfig(List.of(nothingThere, tls), "tls-" + UUID.randomUUID(), 1,
        100, Duration.ofSeconds(3), null, null,
        new TlsConfig(plantCa.certFile(), gatewayCert.cert(), gatewayCert.key()));
    try (Recorder subscriber = Recorder.subscribe(broker.url(), prefix + "/#");
        DiskBuffer buffer = Readings.buffer(dir);
        MqttPublisher publisher = new MqttPublisher(config,
            new Namespace("jxnmm", "isohara", prefix), buffer, 0)) {
      publisher.start();
      publisher.offer(reading(ZONE3, 741.5));

      await().atMost(Duration.ofSeconds(30)).until(() -> subscriber.count() == 1);
      assertTrue(publisher.isConnected());
      assertEquals(prefix + "/" + ZONE3, subscriber.messages().get(0).topic());
      assertTrue(infos().stream().anyMatch(m -> m.contains("connected to " + tls)), infos()::toString);
    }
  }

  @Test
  void brokerCertificateFromAnotherCaIsRefusedWithAClearMessage() throws Exception {
    MqttConfig config = new MqttConfig(List.of("ssl://127.0.0.1:" + tlsPort),
        "tls-" + UUID.randomUUID(), 1, 100, Duration.ofSeconds(3), null, null,
        new TlsConfig(otherCa.certFile(), gatewayCert.cert(), gatewayCert.key()));
    try (DiskBuffer buffer = Readings.buffer(dir);
        MqttPublisher publisher = new MqttPublisher(config,
            new Namespace("jxnmm", "isohara", prefix), buffer, 0)) {
      publisher.start();
      publisher.offer(reading(ZONE3, 741.5));

      await().atMost(Duration.ofSeconds(30)).until(() -> warnings().stream().anyMatch(m ->
          m.contains("TLS handshake failed")
              && m.contains("mqtt.tls.caFile " + otherCa.certFile())));
      assertFalse(publisher.isConnected());
      assertEquals(0, publisher.published());
      assertEquals(1, publisher.queued(), "the reading waits in the buffer");
    }
  }

  private List<String> warnings() {
    return messages(Level.WARN);
  }

  private List<String> infos() {
    return messages(Level.INFO);
  }

  private List<String> messages(Level level) {
    return log.list.stream().filter(e -> e.getLevel() == level)
        .map(ILoggingEvent::getFormattedMessage).toList();
  }
}
