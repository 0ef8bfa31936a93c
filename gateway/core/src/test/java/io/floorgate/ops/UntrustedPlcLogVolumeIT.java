package io.floorgate.ops;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.read.ListAppender;
import io.floorgate.Floorgate;
import io.floorgate.config.ConfigLoader;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimSecurity;
import io.floorgate.sim.SimulatedPlant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * What an operator sees of a PLC whose certificate the gateway does not trust: the gateway in
 * process with its production logging ({@link LogSetup}), a minute of retries against the secured
 * simulator.
 */
@Timeout(150)
class UntrustedPlcLogVolumeIT {

  static final Duration WATCHED = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void aMinuteOfRetriesToAnUntrustedPlcGivesAHandfulOfLinesNamingTheTrustCommand()
      throws Exception {
    var context = (LoggerContext) LoggerFactory.getILoggerFactory();
    var lines = new ListAppender<ILoggingEvent>();
    String prefix = "logvol-" + UUID.randomUUID().toString().substring(0, 8);
    try (var plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 3, 0, 1.0)
        .withSecurity(SimSecurity.secured("operator", "kiln-secret-7")))) {
      String yaml = """
          namespace: { enterprise: jxnmm, site: isohara, topicPrefix: %s }
          mqtt: { url: "tcp://127.0.0.1:1883", clientId: %s }
          buffer: { directory: "%s" }
          connections:
            - name: rhk01
              endpoint: %s
              area: calcination
              # Retrying faster than the default makes the minute harder, not easier.
              retry: { initial: 200ms, max: 1s }
              security:
                policy: Basic256Sha256
                mode: SignAndEncrypt
                username: operator
                password: ${PLC_PASSWORD}
                pki: "%s"
              groups:
                - name: fast
                  mode: subscription
                  tags:
                    - { path: rhk01/heartbeat, node: "ns=2;s=RHK01.Heartbeat" }
          """.formatted(prefix, prefix, dir.resolve("buffer"), plant.plc("RHK01").endpointUrl(),
          dir.resolve("pki"));
      var config = ConfigLoader.parse(yaml, "logvolume.yaml",
          Map.of("PLC_PASSWORD", "kiln-secret-7"));

      context.reset();
      LogSetup.install(context, Map.of());
      lines.setContext(context);
      lines.start();
      context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(lines);
      long started = System.nanoTime();
      try (var gateway = Floorgate.start(config)) {
        await().pollDelay(WATCHED).atMost(WATCHED.plusSeconds(10)).until(() -> true);
      } finally {
        context.reset();
        new ContextInitializer(context).autoConfig();
      }
      assertTrue(System.nanoTime() - started >= WATCHED.toNanos());

      // The simulated PLC runs in this process too; its lines are not the gateway's.
      List<ILoggingEvent> warnings = lines.list.stream()
          .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
          .filter(e -> !e.getLoggerName().startsWith("io.floorgate.sim"))
          .toList();
      List<String> text = warnings.stream()
          .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()).toList();
      assertTrue(warnings.size() <= 4, warnings.size() + " lines: " + String.join("\n", text));
      String thumb = plant.plc("RHK01").certificateSha1().substring(0, 16);
      List<String> trust = text.stream().filter(t -> t.contains("floorgate trust --pki")).toList();
      assertTrue(!trust.isEmpty() && trust.get(0).contains(thumb), String.join("\n", text));
      assertEquals(1, trust.stream().filter(t -> !t.contains("still failing")).count(),
          String.join("\n", text));
      for (ILoggingEvent e : warnings) {
        assertNull(e.getThrowableProxy(), "no stack trace for an untrusted certificate: "
            + e.getLoggerName() + ": " + e.getFormattedMessage());
      }
    }
  }
}
