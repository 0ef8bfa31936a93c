package io.floorgate.mqtt;

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
import io.floorgate.testkit.MosquittoProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * A broker that refuses the gateway's password (MQTT 5 reason 0x86, 3.1.1 return code 4) sees
 * the next login after minutes, not after the 1, 2, 4 s of the backoff: a broker with an account
 * lockout would lock the account.
 */
@Timeout(60)
class BrokerLoginRefusedTest {

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(value = MqttProtocol.class, names = {"V5", "V3_1_1"})
  void aRefusedLoginIsTriedAgainAfterFiveMinutesAndSaysSo(MqttProtocol protocol)
      throws Exception {
    Path passwords = dir.resolve("passwd");
    Process p = new ProcessBuilder("mosquitto_passwd", "-b", "-c", passwords.toString(),
        "floorgate", "right-password").inheritIO().start();
    assertEquals(0, p.waitFor());
    var log = new ListAppender<ILoggingEvent>();
    var logger = (Logger) LoggerFactory.getLogger(MqttPublisher.class);
    log.start();
    logger.addAppender(log);
    String clientId = "floorgate-login-" + UUID.randomUUID().toString().substring(0, 8);
    try (var broker = MosquittoProcess.in(dir.resolve("broker"))
            .config("allow_anonymous false", "password_file " + passwords.toAbsolutePath())
            .start();
        DiskBuffer buffer = Readings.buffer(dir);
        var publisher = new MqttPublisher(new MqttConfig(List.of(broker.url()), clientId, 1, 100,
            Duration.ofSeconds(3), "floorgate", "wrong-password", null,
            MqttConfig.DEFAULT_KEEP_ALIVE, protocol),
            new Namespace("jxnmm", "isohara", Readings.uniquePrefix()), buffer, 0)) {
      publisher.start();
      await().atMost(Duration.ofSeconds(15)).until(() -> !warnings(log).isEmpty());
      // The backoff alone would have tried again at about 1, 2 and 4 s.
      await().pollDelay(Duration.ofSeconds(8)).until(() -> true);

      String line = warnings(log).get(0);
      // Mosquitto refuses a wrong password as "not authorized" (0x87, return code 5).
      assertTrue(line.contains("does not authorize client '" + clientId + "' (user 'floorgate')")
          && line.contains("next attempt in 5 min")
          && line.contains("does not lock the account"), line);
      assertEquals(1, warnings(log).size(), warnings(log).toString());
      long logins = broker.log().stream().filter(l -> l.contains("not authorised")).count();
      assertEquals(1, logins, String.join("\n", broker.log()));
    } finally {
      logger.detachAppender(log);
    }
  }

  private static List<String> warnings(ListAppender<ILoggingEvent> log) {
    synchronized (log) {
      return log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
          .map(ILoggingEvent::getFormattedMessage).toList();
    }
  }
}
