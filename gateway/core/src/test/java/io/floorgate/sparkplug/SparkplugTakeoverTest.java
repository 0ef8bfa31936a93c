package io.floorgate.sparkplug;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.floorgate.Floorgate;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import io.floorgate.testkit.MosquittoProcess;
import io.floorgate.testkit.TestPlant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Another client keeps connecting with the edge node's client id, as a second gateway with the
 * same config would: the node says so once, naming the key, and stops taking the session back.
 */
@Timeout(120)
class SparkplugTakeoverTest {

  @TempDir Path dir;

  @Test
  void anEdgeNodeWhoseClientIdIsTakenSaysSoAndHoldsBack() throws Exception {
    var log = new ListAppender<ILoggingEvent>();
    var logger = (Logger) LoggerFactory.getLogger(NodeSession.class);
    log.start();
    logger.addAppender(log);
    String group = TestPlant.uniqueGroup();
    try (var plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 12, 0, 1.0));
        var broker = MosquittoProcess.in(dir).withoutPersistence().start();
        var host = SparkplugHost.connect(broker.url(), group);
        var gateway = Floorgate.start(TestPlant.sparkplug(plant, group, List.of(broker.url()),
            ""))) {
      host.await("NBIRTH", null, 0, Duration.ofSeconds(60));
      var other = new MqttClient(broker.url(), group, new MemoryPersistence());
      var options = new MqttConnectionOptions();
      options.setConnectionTimeout(3);
      String named = "another client with id " + group;
      try {
        // The other one takes the session back whenever it loses it, until the node holds back.
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end && !logged(log, named)) {
          if (!other.isConnected() && !connect(other, options)) {
            continue;
          }
          await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
              .until(() -> !other.isConnected() || logged(log, named));
        }
        assertTrue(logged(log, named), lines(log).toString());
        await().atMost(Duration.ofSeconds(5)).until(other::isConnected);
        // Held back: the other client keeps the session.
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6))
            .until(other::isConnected);
      } finally {
        if (other.isConnected()) {
          other.disconnect();
        }
        other.close();
      }
      List<String> lines = lines(log);
      assertTrue(lines.stream().anyMatch(l -> l.contains("each gateway needs its own "
          + "`sparkplug.clientId`; next attempt in 30 s")), lines.toString());
      assertTrue(lines.size() <= 4, lines.size() + " lines: " + lines);
    } finally {
      logger.detachAppender(log);
    }
  }

  /**
   * Connects, or answers false while Paho still finishes the connection the broker just took over
   * ("Client is currently disconnecting"): the loop tries again.
   */
  private static boolean connect(MqttClient client, MqttConnectionOptions options)
      throws MqttException {
    try {
      client.connect(options);
      return true;
    } catch (MqttException e) {
      if (e.getReasonCode() == MqttClientException.REASON_CODE_CLIENT_DISCONNECTING) {
        return false;
      }
      throw e;
    }
  }

  private static boolean logged(ListAppender<ILoggingEvent> log, String text) {
    return lines(log).stream().anyMatch(l -> l.contains(text));
  }

  private static List<String> lines(ListAppender<ILoggingEvent> log) {
    synchronized (log) {
      return log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
          .map(ILoggingEvent::getFormattedMessage).toList();
    }
  }
}
