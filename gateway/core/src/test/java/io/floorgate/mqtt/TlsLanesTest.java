package io.floorgate.mqtt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.floorgate.Floorgate;
import io.floorgate.lanes.GatewayHttp;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import io.floorgate.testkit.MosquittoProcess;
import io.floorgate.testkit.Recorder;
import io.floorgate.testkit.TestPlant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The three MQTT lanes (UNS telemetry, the Sparkplug edge node, alarms) against a Mosquitto of the
 * test's own whose TLS listener has a certificate from a test CA and requires a client
 * certificate from it. Only {@code mqtt:} names the broker and TLS: the other lanes inherit both.
 * A plain listener of the same broker is the test's window on what was published.
 */
@Timeout(90)
class TlsLanesTest {

  static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir static Path pki;
  static TestCa plantCa;
  static TestCa otherCa;
  static TestCa.Issued brokerCert;
  static TestCa.Issued gatewayCert;
  static SimulatedPlant plant;

  @TempDir Path dir;
  int tlsPort;
  MosquittoProcess broker;
  Recorder plain;
  Floorgate gateway;
  final ListAppender<ILoggingEvent> log = new ListAppender<>();
  final Logger floorgateLog = (Logger) LoggerFactory.getLogger("io.floorgate");

  @BeforeAll
  static void startPlantAndCas() throws Exception {
    plantCa = TestCa.create(pki, "plant");
    otherCa = TestCa.create(pki, "other");
    brokerCert = plantCa.server(pki);
    gatewayCert = plantCa.client(pki);
    plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 12, 0, 1.0));
  }

  @AfterAll
  static void stopPlant() {
    plant.close();
  }

  /** A broker per test: retained alarm states and sessions must not reach the next one. */
  @BeforeEach
  void startBroker() throws Exception {
    log.start();
    floorgateLog.addAppender(log);
    tlsPort = MosquittoProcess.freePort();
    broker = MosquittoProcess.in(dir.resolve("broker")).config(
        "listener " + tlsPort + " 127.0.0.1",
        "cafile " + plantCa.certFile(),
        "certfile " + brokerCert.cert(),
        "keyfile " + brokerCert.key(),
        "require_certificate true").start();
    plain = Recorder.subscribe(broker.url(), "#");
  }

  @AfterEach
  void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    plain.close();
    broker.close();
    floorgateLog.detachAppender(log);
  }

  /** The lanes' sections: TLS and the broker in {@code mqtt:} only; a client id each. */
  String lanes(Path caFile) {
    return """
        mqtt:
          urls: ['ssl://127.0.0.1:%d']
          clientId: uns-lane
          connectTimeout: 3s
          tls: { caFile: '%s', certFile: '%s', keyFile: '%s' }
        sparkplug: { enabled: true, clientId: sparkplug-lane }
        alarms:
          clientId: alarm-lane
          %s
        """.formatted(tlsPort, caFile, gatewayCert.cert(), gatewayCert.key(), TestPlant.HI_RULES);
  }

  @Test
  void everyLanePublishesThroughATlsBrokerThatRequiresAClientCertificate() throws Exception {
    gateway = Floorgate.start(TestPlant.lanes(plant, dir, lanes(plantCa.certFile())));

    await().atMost(WAIT).untilAsserted(() -> assertEquals(List.of(), plain.missing(
        TestPlant.HEARTBEAT_TOPIC, TestPlant.NBIRTH, TestPlant.ALARM_STATE), "not published"));
  }

  @Test
  void noLaneConnectsNorFallsBackToPlainTextWhenTheBrokerCertificateIsFromAnotherCa()
      throws Exception {
    gateway = Floorgate.start(TestPlant.lanes(plant, dir, lanes(otherCa.certFile())));
    GatewayHttp http = new GatewayHttp(gateway);
    Map<String, String> clientIds = Map.of("telemetry", "uns-lane", "sparkplug", "sparkplug-lane",
        "alarms", "alarm-lane");
    Map<String, Double> highest = new HashMap<>();

    // Each lane says, under its client id, which CA file it trusted: what the operator must fix.
    await().atMost(WAIT).untilAsserted(() -> {
      String scrape = http.metrics();
      clientIds.keySet().forEach(lane -> highest.merge(lane, GatewayHttp.find(scrape,
          "floorgate_mqtt_connected", "client", lane).orElse(Double.NaN), Math::max));
      for (String id : clientIds.values()) {
        assertTrue(warnings().stream().anyMatch(m -> m.contains(id)
                && m.contains(otherCa.certFile().toString())),
            () -> "no warning names both " + id + " and " + otherCa.certFile() + "; the last "
                + "of its own: " + warnings().stream().filter(m -> m.contains(id))
                .reduce((a, b) -> b).orElse("none"));
      }
    });

    assertEquals(Map.of("telemetry", 0.0, "sparkplug", 0.0, "alarms", 0.0), highest,
        "floorgate_mqtt_connected by client, the highest seen (NaN: not on /metrics)");
    String brokerLog = String.join("\n", broker.log());
    assertTrue(brokerLog.contains("New client connected"), "the broker logs sessions: the "
        + "recorder's is there");
    assertEquals(Set.of(), gatewayClients(brokerLog),
        "no lane ever had an MQTT session, on the TLS listener or the plain one");
    assertEquals(List.of(), plain.messages().stream().map(Recorder.Message::topic).toList(),
        "nothing reached the broker in plain text");
  }

  /** The client ids, other than the test's recorders, that the broker accepted a session of. */
  static Set<String> gatewayClients(String mosquittoLog) {
    Set<String> clients = new HashSet<>();
    Matcher m = Pattern.compile("New client connected from \\S+ as (\\S+)").matcher(mosquittoLog);
    while (m.find()) {
      if (!m.group(1).startsWith("recorder-")) {
        clients.add(m.group(1));
      }
    }
    return clients;
  }

  List<String> warnings() {
    List<ILoggingEvent> events;
    synchronized (log) {
      // The appender adds under its own lock, on the lanes' threads.
      events = List.copyOf(log.list);
    }
    return events.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
        .map(ILoggingEvent::getFormattedMessage).toList();
  }
}
