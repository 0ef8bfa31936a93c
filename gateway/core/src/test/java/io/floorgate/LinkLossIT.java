package io.floorgate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.floorgate.alarm.Alarm;
import io.floorgate.alarm.AlarmEngine;
import io.floorgate.alarm.AlarmEvent;
import io.floorgate.alarm.AlarmListener;
import io.floorgate.alarm.AlarmState;
import io.floorgate.alarm.Transition;
import io.floorgate.config.AlarmKind;
import io.floorgate.config.ConfigLoader;
import io.floorgate.config.GatewayConfig;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Losing a PLC link, with real parts: the simulated kiln PLC (a Milo server) read by the OPC UA
 * driver, a bad-quality rule on each of its 24 thermocouples. Stopping the PLC raises exactly one
 * alarm, "PLC rhk01 communication lost", and leaves the 24 quality alarms SUPPRESSED (the driver
 * reports every tag {@code Bad_NoCommunication}); starting it again clears the communication alarm
 * and returns the quality alarms to NORMAL without ever raising them.
 */
@Timeout(120)
class LinkLossIT {

  static final String COMMUNICATION = "calcination.rhk01.communication";
  static final Duration WAIT = Duration.ofSeconds(30);

  SimulatedPlant plant;
  Floorgate gateway;
  AlarmEngine engine;
  final List<AlarmEvent> events = new CopyOnWriteArrayList<>();
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    plant = SimulatedPlant.start(new SimOptions("127.0.0.1", 0, 11, 0, 1.0));
    String prefix = "link-loss-" + UUID.randomUUID().toString().substring(0, 8);
    try (InputStream in = getClass().getResourceAsStream("/e2e/link-loss.yaml")) {
      GatewayConfig config = ConfigLoader.parse(new String(in.readAllBytes(),
          StandardCharsets.UTF_8), "e2e/link-loss.yaml", Map.of("LL_PREFIX", prefix,
          "LL_RHK01_PORT", Integer.toString(plant.plc("RHK01").port())));
      gateway = Floorgate.start(config);
    }
    engine = gateway.alarms();
    engine.addListener(new AlarmListener() {
      @Override
      public void transition(AlarmEvent event) {
        events.add(event);
      }
    });
    // Every thermocouple read GOOD and the link up. The first connect may take longer than the
    // short on-delay here (the communication alarm then stands for it): count from now on.
    await().atMost(WAIT).until(() -> gateway.processedSamples() >= 24
        && quality().stream().allMatch(a -> a.state() == AlarmState.NORMAL)
        && !engine.alarm(COMMUNICATION).active());
    events.clear();
  }

  @AfterEach
  void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    plant.close();
  }

  List<Alarm> quality() {
    return engine.alarms().stream().filter(a -> a.type() == AlarmKind.BAD_QUALITY).toList();
  }

  List<AlarmEvent> raised() {
    return events.stream().filter(e -> e.transition() == Transition.RAISE).toList();
  }

  String metrics() throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + gateway.api().port() + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void lostPlcRaisesOneCommunicationAlarmAndReleasesTheQualityAlarmsUnraised() throws Exception {
    assertEquals(24, quality().size());

    plant.stop("RHK01");
    await().atMost(WAIT).until(() -> engine.alarm(COMMUNICATION).state() == AlarmState.UNACKED
        && quality().stream().allMatch(a -> a.state() == AlarmState.SUPPRESSED));

    assertEquals(List.of(COMMUNICATION), raised().stream().map(e -> e.alarm().id()).toList(),
        () -> events.stream().map(e -> e.time() + " " + e.transition() + " " + e.alarm().id())
            .toList().toString());
    assertEquals("PLC rhk01 communication lost", engine.alarm(COMMUNICATION).message());
    String during = metrics();
    assertTrue(during.contains("floorgate_alarms_suppressed 24.0"), during);

    plant.start("RHK01");
    await().atMost(WAIT).until(() -> !engine.alarm(COMMUNICATION).active()
        && quality().stream().allMatch(a -> a.state() == AlarmState.NORMAL));

    assertEquals(List.of(COMMUNICATION), raised().stream().map(e -> e.alarm().id()).toList());
    assertEquals(AlarmState.RTN_UNACKED, engine.alarm(COMMUNICATION).state());
    assertEquals(24, events.stream().filter(e -> e.transition() == Transition.UNSUPPRESS)
        .count());
    String after = metrics();
    assertTrue(after.contains("floorgate_alarms_suppressed 0.0"), after);
  }
}
