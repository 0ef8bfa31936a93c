package io.floorgate;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floorgate.alarm.AlarmEvent;
import io.floorgate.alarm.AlarmMqtt;
import io.floorgate.alarm.Transition;
import io.floorgate.config.ConfigLoader;
import io.floorgate.config.GatewayConfig;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Alarm-lane latency while telemetry runs at a high rate: not a test (no assertions on time, and
 * not run by {@code mvn verify}, whose includes do not match the name). Run it with
 *
 * <pre>
 * mvn -B -q -pl gateway -am test -Dtest=AlarmLaneBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dsurefire.argLine=
 * </pre>
 *
 * ({@code -Dsurefire.argLine=} turns off the tests' paranoid Netty leak detection, which records a
 * stack trace for every buffer Milo and Netty allocate and would measure itself.)
 * Options: {@code -Dbench.raises=1000} alarms raised, {@code -Dbench.loadTags=5500} and
 * {@code -Dbench.loadHz=10} telemetry load (tags x Hz values/s). The simulated kiln serves the
 * load variables and the fault switch; the gateway subscribes to all of them, publishes telemetry
 * to Mosquitto on 127.0.0.1:1883 at QoS 1 (whose ~30k/s ceiling keeps the telemetry queue full:
 * a backlog) and raises a HI alarm on {@code Faults.OverTempZone}, which the benchmark toggles.
 * Latencies are from the driver's hand-over (the reading's gateway time) to: the WebSocket frame
 * written by the server, the alarm PUBLISH handed to the alarm MQTT client, its PUBACK, and the
 * WebSocket client's receipt; and from the PLC's source timestamp to the client's receipt.
 */
class AlarmLaneBenchmark {

  static final String TOKEN = "bench-token-" + UUID.randomUUID();
  static final String ID = "calcination.rhk01.fault-injection.over-temp-zone.hi";

  final ConcurrentLinkedQueue<Long> wsWritten = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<Long> mqttSent = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<Long> mqttAcked = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<Long> wsReceived = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<Long> sourceToClient = new ConcurrentLinkedQueue<>();

  @Test
  void alarmLaneLatencyUnderTelemetryLoad() throws Exception {
    int raises = Integer.getInteger("bench.raises", 1000);
    int loadTags = Integer.getInteger("bench.loadTags", 5500);
    double loadHz = Double.parseDouble(System.getProperty("bench.loadHz", "10"));
    String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    try (SimulatedPlant plant = SimulatedPlant.start(
        new SimOptions("127.0.0.1", 0, 42, loadTags, loadHz))) {
      GatewayConfig config = ConfigLoader.parse(yaml(loadTags), "bench.yaml", Map.of(
          "PREFIX", prefix, "PORT", Integer.toString(plant.plc("RHK01").port()),
          "TOKEN", TOKEN));
      try (Floorgate gateway = Floorgate.start(config)) {
        gateway.api().probe(event -> record(event, wsWritten));
        gateway.alarmMqtt().probe(new AlarmMqtt.Probe() {
          @Override
          public void sent(AlarmEvent event) {
            record(event, mqttSent);
          }

          @Override
          public void acknowledged(AlarmEvent event) {
            record(event, mqttAcked);
          }
        });
        WebSocket client = HttpClient.newHttpClient().newWebSocketBuilder()
            .buildAsync(URI.create("ws://127.0.0.1:" + gateway.api().port() + "/alarms/stream"),
                new Receiver()).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(60)).until(gateway.alarmMqtt()::isConnected);
        // Warm-up: the load subscription fully flowing.
        long before = gateway.processedSamples();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
            .until(() -> gateway.processedSamples() - before > 5L * loadTags * loadHz);
        long samples0 = gateway.processedSamples();
        long start = System.nanoTime();
        try (PlcWriter writer = PlcWriter.connect(plant.plc("RHK01").endpointUrl())) {
          for (int i = 0; i < raises; i++) {
            int expected = wsReceived.size() + 1;
            writer.write("ns=2;s=RHK01.Faults.OverTempZone", 1);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> wsReceived.size() >= expected);
            writer.write("ns=2;s=RHK01.Faults.OverTempZone", 0);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> !gateway.alarms().alarm(ID).active());
          }
          writer.write("ns=2;s=RHK01.Faults.OverTempZone", 0);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double telemetryRate = (gateway.processedSamples() - samples0) / seconds;
        client.abort();
        report(raises, loadTags, loadHz, telemetryRate, gateway);
      }
    }
  }

  static void record(AlarmEvent event, ConcurrentLinkedQueue<Long> into) {
    Instant handedOver = event.alarm().gatewayTime();
    if (event.transition() == Transition.RAISE && handedOver != null) {
      into.add(Duration.between(handedOver, Instant.now()).toNanos() / 1000);
    }
  }

  /** The benchmark's WebSocket client: notes when each RAISE arrives. */
  final class Receiver implements WebSocket.Listener {
    private final ObjectMapper json = new ObjectMapper();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      Instant now = Instant.now();
      partial.append(data);
      if (last) {
        try {
          JsonNode m = json.readTree(partial.toString());
          if ("RAISE".equals(m.path("transition").asText())) {
            JsonNode alarm = m.path("alarm");
            wsReceived.add(Duration.between(Instant.parse(alarm.path("gatewayTime").asText()),
                now).toNanos() / 1000);
            sourceToClient.add(Duration.between(Instant.parse(alarm.path("sourceTime").asText()),
                now).toNanos() / 1000);
          }
        } catch (java.io.IOException e) {
          throw new AssertionError(e);
        }
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }

  void report(int raises, int loadTags, double loadHz, double telemetryRate, Floorgate gateway)
      throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "alarm lane: %d raises; telemetry %d tags x %.0f Hz "
        + "offered, %.0f values/s normalized; telemetry MQTT published %d, dropped %d "
        + "(queue full: backlog); %d cores, load average %.1f, leak detection %s", raises,
        loadTags, loadHz, telemetryRate, gateway.publisher().published(),
        gateway.publisher().dropped(), Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        io.netty.util.ResourceLeakDetector.getLevel()));
    lines.add(String.format(Locale.ROOT, "%-44s %6s %9s %9s %9s %9s", "latency (ms)", "n", "p50",
        "p99", "p99.9", "max"));
    lines.add(row("hand-over -> WebSocket frame written", wsWritten));
    lines.add(row("hand-over -> alarm MQTT PUBLISH sent", mqttSent));
    lines.add(row("hand-over -> alarm MQTT PUBACK", mqttAcked));
    lines.add(row("hand-over -> WebSocket client received", wsReceived));
    lines.add(row("PLC source time -> WebSocket client", sourceToClient));
    lines.forEach(System.out::println);
    Path out = Path.of("target", "alarm-lane-bench.txt");
    Files.write(out, lines);
    System.out.println("written to " + out.toAbsolutePath());
  }

  static String row(String what, ConcurrentLinkedQueue<Long> micros) {
    long[] v = micros.stream().mapToLong(Long::longValue).sorted().toArray();
    if (v.length == 0) {
      return String.format(Locale.ROOT, "%-44s %6d", what, 0);
    }
    return String.format(Locale.ROOT, "%-44s %6d %9.3f %9.3f %9.3f %9.3f", what, v.length,
        pct(v, 50), pct(v, 99), pct(v, 99.9), v[v.length - 1] / 1000.0);
  }

  static double pct(long[] sorted, double p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000.0;
  }

  static String yaml(int loadTags) {
    StringBuilder load = new StringBuilder();
    for (int i = 0; i < loadTags; i++) {
      load.append(String.format(Locale.ROOT,
          "          - { path: rhk01/load/v%05d, node: ns=2;s=RHK01.Load.V%05d }%n", i, i));
    }
    return """
        namespace: { enterprise: jxnmm, site: isohara, topicPrefix: '${PREFIX}' }
        mqtt: { url: tcp://127.0.0.1:1883, clientId: '${PREFIX}', qos: 1 }
        connections:
          - name: rhk01
            endpoint: opc.tcp://127.0.0.1:${PORT}/rhk01
            area: calcination
            groups:
              - name: faults
                samplingInterval: 10ms
                publishingInterval: 10ms
                tags:
                  - { path: rhk01/fault-injection/over-temp-zone, node: ns=2;s=RHK01.Faults.OverTempZone }
              - name: load
                samplingInterval: 100ms
                publishingInterval: 100ms
                queueSize: 1
                tags:
        """ + load + """
        alarms:
          rules:
            - { tag: calcination/rhk01/fault-injection/over-temp-zone, type: hi, limit: 0.5,
                priority: urgent, message: Benchmark over-temperature switch }
        api: { port: 0, token: '${TOKEN}' }
        """;
  }
}
