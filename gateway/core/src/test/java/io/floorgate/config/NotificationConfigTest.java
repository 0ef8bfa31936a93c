package io.floorgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code notifications:} section: defaults, and errors with their lines. */
class NotificationConfigTest {

  private static final String ALARMS = """
      alarms:
        stateFile: state/alarms.json
        rules:
          - { tag: calcination/k/temp, type: hi, limit: 800, priority: high }
          - { tag: calcination/k/running, type: stale, for: 1m }
      api: { bind: 127.0.0.1, port: 8480 }
      """;

  private static final Map<String, String> ENV = Map.of("SMTP_PASSWORD", "s3cr3t-Kx81-mail",
      "HOOK_SECRET", "2b7e151628aed2a6abf7158809cf4f3c");

  private static GatewayConfig parse(String notifications) throws ConfigException {
    return ConfigLoader.parse(AlarmConfigTest.PLANT + ALARMS + notifications, "test.yaml", ENV);
  }

  private static List<String> errors(String notifications) {
    ConfigException e = assertThrows(ConfigException.class, () -> parse(notifications));
    return e.errors().stream().map(ConfigError::format).toList();
  }

  @Test
  void defaultsComeFromTheApiAndTheAlarmStateFile() throws Exception {
    NotificationsConfig n = parse("""
        notifications:
          receivers:
            - { name: am, type: alertmanager, url: http://127.0.0.1:9093 }
          routes:
            - { match: { priority: high }, receiver: am }
        """).notifications();
    assertTrue(n.enabled());
    assertEquals(URI.create("http://127.0.0.1:8480/"), n.statusUrl());
    assertEquals(Path.of("state/alarms.json").toAbsolutePath().getParent()
        .resolve("notify-outbox.mv"), n.outbox());
    assertEquals(10_000, n.maxEvents());
    assertEquals(Duration.ofSeconds(30), n.group());
    assertEquals(Duration.ofMinutes(1), n.receivers().get(0).resendEvery());
    RouteConfig route = n.routes().get(0);
    assertNull(route.repeat());
    assertNull(route.escalateTo());
    assertFalse(route.continueMatching());
  }

  @Test
  void everySettingIsRead() throws Exception {
    NotificationsConfig n = parse("""
        notifications:
          enabled: true
          statusUrl: http://edge-01:8080/
          outbox: { file: /tmp/outbox.mv, maxEvents: 50 }
          group: 0s
          receivers:
            - { name: am, type: alertmanager, url: http://127.0.0.1:9093, resendEvery: 2m }
            - { name: cmms, type: webhook, url: https://cmms.example/hook, hmacSecret: "${HOOK_SECRET}" }
            - name: mail
              type: email
              smtp: { host: mail.example, port: 2525, security: starttls, username: fg, password: "${SMTP_PASSWORD}" }
              from: floorgate@isohara.example
              to: [ a@isohara.example, b@isohara.example ]
          routes:
            - match: { class: maintenance, equipment: k, area: calcination, rule: "calcination.k.*" }
              receiver: mail
              repeat: 4h
              escalate: { after: 30m, to: cmms }
              continue: true
            - { match: { priority: [high, urgent] }, receiver: am }
        """).notifications();
    assertEquals(URI.create("http://edge-01:8080/"), n.statusUrl());
    assertEquals(50, n.maxEvents());
    assertEquals(Duration.ZERO, n.group());
    assertEquals(Duration.ofMinutes(2), n.receiver("am").resendEvery());
    assertEquals("2b7e151628aed2a6abf7158809cf4f3c", n.receiver("cmms").hmacSecret());
    SmtpConfig smtp = n.receiver("mail").smtp();
    assertEquals(new SmtpConfig("mail.example", 2525, SmtpConfig.Security.STARTTLS, "fg",
        "s3cr3t-Kx81-mail"), smtp);
    assertEquals(List.of("a@isohara.example", "b@isohara.example"), n.receiver("mail").to());
    RouteConfig first = n.routes().get(0);
    assertEquals(List.of(AlarmClass.MAINTENANCE), first.match().classes());
    assertEquals(Duration.ofHours(4), first.repeat());
    assertEquals(Duration.ofMinutes(30), first.escalateAfter());
    assertEquals("cmms", first.escalateTo());
    assertTrue(first.continueMatching());
    assertEquals(List.of(AlarmPriority.HIGH, AlarmPriority.URGENT),
        n.routes().get(1).match().priorities());
  }

  @Test
  void anUnknownReceiverInARouteOrEscalationIsAnErrorWithItsLine() {
    List<String> errors = errors("""
        notifications:
          receivers:
            - { name: alertmanager, type: alertmanager, url: http://127.0.0.1:9093 }
          routes:
            - { match: { priority: high }, receiver: alertmanagr }
            - match: { priority: high }
              receiver: alertmanager
              escalate: { after: 30m, to: shift-lead }
        """);
    assertTrue(errors.stream().anyMatch(e -> e.contains("test.yaml:23:")
        && e.contains("notifications.routes[0].receiver")
        && e.contains("did you mean 'alertmanager'")), errors.toString());
    assertTrue(errors.stream().anyMatch(e -> e.contains("test.yaml:26:")
        && e.contains("notifications.routes[1].escalate.to")
        && e.contains("no receiver is named 'shift-lead'")), errors.toString());
  }

  @Test
  void aRouteMatchingNoAlarmRuleIsAnErrorWhenEnabled() {
    List<String> errors = errors("""
        notifications:
          receivers:
            - { name: am, type: alertmanager, url: http://127.0.0.1:9093 }
          routes:
            - { match: { equipment: mx01 }, receiver: am }
        """);
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).contains("test.yaml:23:") && errors.get(0).contains("matches none of the "
        + "alarm rules"), errors.toString());
  }

  @Test
  void aRouteMatchingNothingIsAcceptedWhileDisabled() throws Exception {
    NotificationsConfig n = parse("""
        notifications:
          enabled: false
          receivers:
            - name: mail
              type: email
              smtp: { host: mail.example, username: fg, password: "${UNSET_PASSWORD:-}" }
              from: floorgate@isohara.example
              to: maintenance@isohara.example
          routes:
            - { match: { equipment: mx01 }, receiver: mail }
        """).notifications();
    assertFalse(n.enabled());
    assertNull(n.receiver("mail").smtp().password());
  }

  @Test
  void aReceiverWithoutUrlOrHostIsAnError() {
    List<String> errors = errors("""
        notifications:
          enabled: false
          receivers:
            - { name: am, type: alertmanager }
            - { name: mail, type: email, smtp: { port: 25 }, from: a@b.example, to: c@d.example }
        """);
    assertTrue(errors.stream().anyMatch(e -> e.contains("notifications.receivers[0].url")
        && e.contains("is missing") && e.contains("test.yaml:22:")), errors.toString());
    assertTrue(errors.stream().anyMatch(e -> e.contains("notifications.receivers[1].smtp.host")
        && e.contains("is missing") && e.contains("test.yaml:23:")), errors.toString());
  }

  @Test
  void badDurationsAreErrorsWithTheirLines() {
    List<String> errors = errors("""
        notifications:
          group: 30
          receivers:
            - { name: am, type: alertmanager, url: http://127.0.0.1:9093, resendEvery: 10m }
          routes:
            - { match: { priority: high }, receiver: am, repeat: soon }
        """);
    assertTrue(errors.stream().anyMatch(e -> e.contains("notifications.group")
        && e.contains("no unit") && e.contains("test.yaml:20:")), errors.toString());
    assertTrue(errors.stream().anyMatch(e -> e.contains("resendEvery")
        && e.contains("maximum of 4m") && e.contains("test.yaml:22:")), errors.toString());
    assertTrue(errors.stream().anyMatch(e -> e.contains("repeat")
        && e.contains("not a duration") && e.contains("test.yaml:24:")), errors.toString());
  }

  @Test
  void aSecretWrittenInTheFileIsRefused() {
    List<String> errors = errors("""
        notifications:
          receivers:
            - { name: cmms, type: webhook, url: https://cmms.example/hook, bearer: abcdef0123456789 }
        """);
    assertTrue(errors.stream().anyMatch(e -> e.contains("notifications.receivers[0].bearer")
        && e.contains("is written in the file")), errors.toString());
  }

  @Test
  void aPasswordOrTokenThatWouldCrossTheNetworkInClearIsRefused() {
    List<String> errors = errors("""
        notifications:
          receivers:
            - { name: cmms, type: webhook, url: http://cmms.example/hook, bearer: "${HOOK_SECRET}" }
            - name: mail
              type: email
              smtp: { host: mail.example, security: none, username: fg, password: "${SMTP_PASSWORD}" }
              from: floorgate@isohara.example
              to: maintenance@isohara.example
        """);
    assertEquals(2, errors.size(), errors.toString());
    assertTrue(errors.get(0).contains("receivers[0].bearer: would cross the network in clear"),
        errors.toString());
    assertTrue(errors.get(1).contains("smtp.password: would cross the network in clear"),
        errors.toString());
  }

  @Test
  void secretsNeverShowInTheRecordsText() throws Exception {
    NotificationsConfig n = parse("""
        notifications:
          receivers:
            - { name: cmms, type: webhook, url: https://cmms.example/hook, hmacSecret: "${HOOK_SECRET}" }
        """).notifications();
    assertFalse(n.toString().contains("2b7e151628aed2a6abf7158809cf4f3c"), n.toString());
  }
}
