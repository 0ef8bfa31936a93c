package io.floorgate.notify;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The e-mail receiver against a real SMTP server (GreenMail) with a login. */
@Timeout(60)
class EmailNotificationTest {

  private static final String PASSWORD = "Kx81-right-mail-pass";

  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP
      .dynamicPort()).withConfiguration(GreenMailConfiguration.aConfig()
          .withUser("maintenance@isohara.example", "floorgate", PASSWORD));

  @TempDir
  Path dir;

  private static String section() {
    return """
        notifications:
          statusUrl: http://edge-01:8080/
          outbox: { file: OUTBOX }
          group: 0s
          receivers:
            - name: maintenance-mail
              type: email
              smtp: { host: 127.0.0.1, port: %d, security: none, username: floorgate, password: "${SMTP_PASSWORD}" }
              from: floorgate@isohara.example
              to: [ maintenance@isohara.example ]
          routes:
            - { match: { priority: high }, receiver: maintenance-mail }
        """.formatted(MAIL.getSmtp().getPort());
  }

  @Test
  void aRaisedAlarmArrivesAsAMailATechnicianReads() throws Exception {
    try (NotifyFixture plant = new NotifyFixture(dir, section(),
        Map.of("SMTP_PASSWORD", PASSWORD))) {
      plant.raise();
      await().atMost(Duration.ofSeconds(10)).until(() -> MAIL.getReceivedMessages().length == 1);
      MimeMessage mail = MAIL.getReceivedMessages()[0];
      assertEquals("[HIGH] RHK01 zone 5 temperature above 800 °C — raised", mail.getSubject());
      String body = (String) mail.getContent();
      assertTrue(body.contains("Where: jxnmm/isohara/calcination/rhk01/zone05/temperature/hi"),
          body);
      assertTrue(body.contains("Value: 812.5 °C"), body);
      assertTrue(body.contains("Limit: 800 °C"), body);
      assertTrue(body.contains("Since: "), body);
      assertTrue(body.contains("Priority: high"), body);
      assertTrue(body.contains("Class: process"), body);
      assertTrue(body.contains("State: active, not acknowledged"), body);
      assertTrue(body.contains("Status page: http://edge-01:8080/"), body);
    }
  }

  @Test
  void aBurstWithinTheGroupTimeGoesOutAsOneMail() throws Exception {
    try (NotifyFixture plant = new NotifyFixture(dir, section().replace("group: 0s",
        "group: 3s"), Map.of("SMTP_PASSWORD", PASSWORD))) {
      plant.raise();
      plant.clear();
      await().atMost(Duration.ofSeconds(15)).until(() -> MAIL.getReceivedMessages().length == 1);
      MimeMessage mail = MAIL.getReceivedMessages()[0];
      assertEquals("[HIGH] 2 alarm notifications: RHK01 zone 5 temperature above 800 °C — "
          + "raised, and 1 more", mail.getSubject());
      String body = (String) mail.getContent();
      assertTrue(body.contains("raised at ") && body.contains("cleared at "), body);
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
          .until(() -> MAIL.getReceivedMessages().length == 1);
    }
  }

  @Test
  void wrongCredentialsGiveOneClearLineAndRetriesWithoutStackTraces() throws Exception {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger logger = (Logger) LoggerFactory.getLogger(Sender.class);
    log.start();
    logger.addAppender(log);
    try (NotifyFixture plant = new NotifyFixture(dir, section(),
        Map.of("SMTP_PASSWORD", "Kx81-wrong-mail-pass"))) {
      plant.raise();
      await().atMost(Duration.ofSeconds(20)).until(() -> failed(plant) >= 3);
      List<ILoggingEvent> warnings = log.list.stream()
          .filter(e -> e.getLevel() == Level.WARN).toList();
      assertEquals(1, warnings.size(), warnings.toString());
      String line = warnings.get(0).getFormattedMessage();
      assertTrue(line.contains("refused the login of floorgate")
          && line.contains("FLOORGATE_SMTP_PASSWORD"), line);
      assertNull(warnings.get(0).getThrowableProxy());
      assertEquals(0, MAIL.getReceivedMessages().length);
      assertEquals("1", plant.notify.statusSections().get(0).rows().get(0).get(2));
    } finally {
      logger.detachAppender(log);
    }
  }

  private static long failed(NotifyFixture plant) {
    return Long.parseLong(plant.notify.statusSections().get(0).rows().get(0).get(4));
  }
}
