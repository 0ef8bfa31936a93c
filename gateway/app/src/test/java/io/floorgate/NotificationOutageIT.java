package io.floorgate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import io.floorgate.testkit.AlertmanagerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alertmanager down for 30 s while an alarm is raised at the simulated kiln, and the gateway
 * killed with {@code kill -9} meanwhile: once both are back, the alert arrives, from the outbox the
 * first run wrote.
 */
@Timeout(240)
class NotificationOutageIT {

  private static final String ALARM_ID = "calcination.rhk01.zone03.temperature.hi";
  private static final Duration OUTAGE = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  @Test
  void anAlertRaisedDuringAnOutageArrivesAfterKillNineAndRestart() throws Exception {
    SimulatedPlant plant = open(SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 9, 0, 1.0)));
    AlertmanagerProcess am = open(AlertmanagerProcess.start(dir.resolve("am")));
    am.stop();
    Instant down = Instant.now();
    Path config = dir.resolve("gateway.yaml");
    Files.writeString(config, yaml(plant.plc("RHK01").port(), am.url()));

    // Zone 3 runs at about 500 °C: the alarm (above 100 °C) is raised at the first reading.
    GatewayProcess first = open(GatewayProcess.run(config, dir.resolve("first.log")));
    await().atMost(Duration.ofSeconds(90)).until(() -> first.log().contains("is unreachable"));
    first.killNine();
    assertFalse(first.isAlive());

    GatewayProcess second = open(GatewayProcess.run(config, dir.resolve("second.log")));
    await().atMost(Duration.ofSeconds(60)).until(() -> second.log().contains("is unreachable"));
    assertTrue(second.log().contains("1 waiting in the outbox"), second.log());
    await().atMost(OUTAGE.plusSeconds(10))
        .until(() -> Duration.between(down, Instant.now()).compareTo(OUTAGE) >= 0);
    am.start();

    await().atMost(Duration.ofSeconds(90)).until(() -> am.alertsWith("alarm_id", ALARM_ID)
        .size() == 1);
    JsonNode alert = am.alertsWith("alarm_id", ALARM_ID).get(0);
    assertEquals("rhk01", alert.get("labels").get("equipment").asText());
    assertEquals("high", alert.get("labels").get("priority").asText());
    assertTrue(second.isAlive());
  }

  private String yaml(int kilnPort, String alertmanager) {
    String state = dir.resolve("state").toAbsolutePath().toString();
    return """
        namespace: { enterprise: jxnmm, site: isohara, topicPrefix: outage-%s }
        mqtt: { url: 'tcp://127.0.0.1:1883', clientId: 'outage-%s', connectTimeout: 2s }
        buffer: { directory: '%s/buffer' }
        connections:
          - name: rhk01
            endpoint: opc.tcp://127.0.0.1:%d/rhk01
            area: calcination
            retry: { initial: 200ms, max: 2s }
            groups:
              - name: zones
                samplingInterval: 100ms
                publishingInterval: 200ms
                tags:
                  - { path: rhk01/zone03/temperature, node: ns=2;s=RHK01.Zone03.TempPV, unit: °C }
        alarms:
          stateFile: '%s/alarms.json'
          rules:
            - { tag: calcination/rhk01/zone03/temperature, type: hi, limit: 100, priority: high }
        notifications:
          group: 0s
          receivers:
            - { name: alertmanager, type: alertmanager, url: '%s' }
          routes:
            - { match: { priority: high }, receiver: alertmanager }
        """.formatted(UUID.randomUUID().toString().substring(0, 8),
        UUID.randomUUID().toString().substring(0, 8), state, kilnPort, state, alertmanager);
  }

  private <T extends AutoCloseable> T open(T closeable) {
    toClose.add(closeable);
    return closeable;
  }
}
