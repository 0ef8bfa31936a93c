package io.floorgate;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floorgate.alarm.AlarmEngine;
import io.floorgate.alarm.AlarmEvent;
import io.floorgate.alarm.AlarmListener;
import io.floorgate.alarm.AlarmOutput;
import io.floorgate.alarm.AlarmTopics;
import io.floorgate.alarm.Transition;
import io.floorgate.config.ConfigLoader;
import io.floorgate.config.GatewayConfig;
import io.floorgate.mqtt.MqttPublisher;
import io.floorgate.mqtt.UnsOutput;
import io.floorgate.sim.PlcWriter;
import io.floorgate.sim.SimOptions;
import io.floorgate.sim.SimulatedPlant;
import io.floorgate.testkit.MqttTestClient;
import io.floorgate.testkit.MqttTestClient.Session;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Alarm-lane latency while telemetry runs at a high rate: not a test (no assertions on time, and
 * not run by {@code mvn verify}, whose includes do not match the name). Run it with
 *
 * <pre>
 * mvn -B -q -pl gateway/core -am test -Dtest=AlarmLaneBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
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
 *
 * <p>Measured from outside, as a console sees it: a WebSocket client on {@code /alarms/stream}
 * and a Paho subscriber on the alarm's events and (retained) state topics, each noting when a
 * RAISE arrives. The gateway's side is one listener on the alarm engine, added before the stream
 * client subscribes, so it hears each transition after the alarm MQTT lane has queued it and
 * before the stream has. Latencies are from the driver's hand-over (the raising reading's gateway
 * time, which the alarm JSON carries) to the engine's emitting the transition and to each
 * receipt; from the emitting to each receipt (one JVM's {@code nanoTime}, matched by event id);
 * and from the PLC's source timestamp to the receipts.
 */
class AlarmLaneBenchmark {

  static final String BROKER = "tcp://127.0.0.1:1883";
  static final String TOKEN = "bench-token-" + UUID.randomUUID();
  static final String ID = "calcination.rhk01.fault-injection.over-temp-zone.hi";
  static final String SWITCH = "ns=2;s=RHK01.Faults.OverTempZone";
  static final ObjectMapper JSON = new ObjectMapper();

  /** A RAISE as the engine emitted it: when, and the hand-over time its alarm carries. */
  record Emitted(long nanos, Instant at, @Nullable Instant gatewayTime) {}

  /** A message as a client received it, with the times its JSON carries. */
  record Receipt(long nanos, Instant at, @Nullable Instant gatewayTime,
      @Nullable Instant sourceTime) {}

  /** Every RAISE of the benchmark's alarm, by event id. */
  final Map<String, Emitted> raised = new ConcurrentHashMap<>();
  /** What each client received, by event id; joined with {@link #raised} in the report. */
  final Map<String, Receipt> wsReceived = new ConcurrentHashMap<>();
  final Map<String, Receipt> eventsReceived = new ConcurrentHashMap<>();
  final Map<String, Receipt> stateReceived = new ConcurrentHashMap<>();
  volatile @Nullable String lastRaise;

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
      AlarmTopics topics = new AlarmTopics(config.namespace());
      try (AlarmSubscriber subscriber = new AlarmSubscriber(topics.events(ID), topics.state(ID));
          Floorgate gateway = Floorgate.start(config)) {
        AlarmEngine engine = Objects.requireNonNull(gateway.alarms(),
            "the benchmark's config has alarms: the engine should exist");
        engine.addListener(new Emissions());
        WebSocket client = HttpClient.newHttpClient().newWebSocketBuilder()
            .buildAsync(URI.create("ws://127.0.0.1:" + Objects.requireNonNull(gateway.api())
                .port() + "/alarms/stream"), new Receiver()).get(10, TimeUnit.SECONDS);
        AlarmOutput alarms = gateway.output(AlarmOutput.class);
        await().atMost(Duration.ofSeconds(60)).until(alarms.mqtt()::isConnected);
        // Warm-up: the load subscription fully flowing.
        long before = gateway.processedSamples();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
            .until(() -> gateway.processedSamples() - before > 5L * loadTags * loadHz);
        long samples0 = gateway.processedSamples();
        long start = System.nanoTime();
        try (PlcWriter writer = PlcWriter.connect(plant.plc("RHK01").endpointUrl())) {
          for (int i = 0; i < raises; i++) {
            int expected = raised.size() + 1;
            writer.write(SWITCH, 1);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> raised.size() >= expected);
            String id = Objects.requireNonNull(lastRaise);
            // Every lane has it before the next raise: no lane's figure includes another's queue.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> wsReceived.containsKey(id) && eventsReceived.containsKey(id)
                    && stateReceived.containsKey(id));
            writer.write(SWITCH, 0);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> !Objects.requireNonNull(engine.alarm(ID)).active());
          }
          writer.write(SWITCH, 0);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double telemetryRate = (gateway.processedSamples() - samples0) / seconds;
        client.abort();
        report(raises, loadTags, loadHz, telemetryRate, gateway);
      } finally {
        MqttTestClient.clearRetained(BROKER, List.of(topics.state(ID)));
      }
    }
  }

  /** The gateway's side: notes when the engine emits each RAISE. Never blocks the engine. */
  final class Emissions implements AlarmListener {
    @Override
    public void transition(AlarmEvent event) {
      long nanos = System.nanoTime();
      if (event.transition() == Transition.RAISE && ID.equals(event.alarm().id())) {
        raised.put(event.eventId(), new Emitted(nanos, Instant.now(), event.alarm().gatewayTime()));
        lastRaise = event.eventId();
      }
    }
  }

  /** The benchmark's WebSocket client: notes when each RAISE arrives. */
  final class Receiver implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      long nanos = System.nanoTime();
      Instant now = Instant.now();
      partial.append(data);
      if (last) {
        JsonNode m = parse(partial.toString());
        if ("RAISE".equals(m.path("transition").asText())) {
          note(wsReceived, m.path("eventId").asText(), m.path("alarm"), nanos, now);
        }
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }

  /**
   * The benchmark's MQTT client, a console's subscriber: notes when each RAISE arrives on the
   * events topic, and when the retained state it left arrives on the state topic.
   */
  final class AlarmSubscriber implements AutoCloseable {
    private final MqttTestClient client;

    AlarmSubscriber(String eventsTopic, String stateTopic) throws MqttException {
      client = MqttTestClient.connect(BROKER, "bench-alarms", Session.CLEAN, (topic, message) -> {
        long nanos = System.nanoTime();
        Instant now = Instant.now();
        byte[] payload = message.getPayload();
        if (payload.length == 0) {
          return;
        }
        JsonNode m = parse(new String(payload, StandardCharsets.UTF_8));
        if (topic.equals(eventsTopic) && "RAISE".equals(m.path("transition").asText())) {
          note(eventsReceived, m.path("eventId").asText(), m.path("alarm"), nanos, now);
        } else if (topic.equals(stateTopic) && m.hasNonNull("lastEventId")) {
          // The state is the alarm itself; which transition left it is its lastEventId.
          note(stateReceived, m.path("lastEventId").asText(), m, nanos, now);
        }
      });
      client.subscribe(eventsTopic, stateTopic);
    }

    @Override
    public void close() throws MqttException {
      client.close();
    }
  }

  /** Keeps the first receipt of an event: a QoS 1 duplicate is not a second measurement. */
  static void note(Map<String, Receipt> into, String eventId, JsonNode alarm, long nanos,
      Instant now) {
    into.putIfAbsent(eventId, new Receipt(nanos, now, instant(alarm.path("gatewayTime")),
        instant(alarm.path("sourceTime"))));
  }

  static @Nullable Instant instant(JsonNode time) {
    return time.isTextual() ? Instant.parse(time.asText()) : null;
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError("the gateway sent something that is not JSON: " + json, e);
    }
  }

  void report(int raises, int loadTags, double loadHz, double telemetryRate, Floorgate gateway)
      throws Exception {
    MqttPublisher telemetry = gateway.output(UnsOutput.class).publisher();
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "alarm lane: %d raises; telemetry %d tags x %.0f Hz "
        + "offered, %.0f values/s normalized; telemetry MQTT published %d, dropped %d "
        + "(queue full: backlog); %d cores, load average %.1f, leak detection %s", raises,
        loadTags, loadHz, telemetryRate, telemetry.published(), telemetry.dropped(),
        Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        io.netty.util.ResourceLeakDetector.getLevel()));
    lines.add(String.format(Locale.ROOT, "%-44s %6s %9s %9s %9s %9s", "latency (ms)", "n", "p50",
        "p99", "p99.9", "max"));
    lines.add(row("hand-over -> engine emitted transition", raised.values().stream()
        .filter(e -> e.gatewayTime() != null)
        .map(e -> micros(Objects.requireNonNull(e.gatewayTime()), e.at())).toList()));
    lines.add(row("engine -> WebSocket client received", sinceEmitted(wsReceived)));
    lines.add(row("engine -> MQTT events subscriber received", sinceEmitted(eventsReceived)));
    lines.add(row("engine -> MQTT state subscriber received", sinceEmitted(stateReceived)));
    lines.add(row("hand-over -> WebSocket client received", sinceHandOver(wsReceived)));
    lines.add(row("hand-over -> MQTT events subscriber", sinceHandOver(eventsReceived)));
    lines.add(row("hand-over -> MQTT state subscriber", sinceHandOver(stateReceived)));
    lines.add(row("PLC source time -> WebSocket client", sinceSource(wsReceived)));
    lines.add(row("PLC source time -> MQTT events subscriber", sinceSource(eventsReceived)));
    lines.forEach(System.out::println);
    Path out = Path.of("target", "alarm-lane-bench.txt");
    Files.write(out, lines);
    System.out.println("written to " + out.toAbsolutePath());
  }

  /** Emitting to receipt, in µs, for each RAISE both saw. */
  List<Long> sinceEmitted(Map<String, Receipt> receipts) {
    return joined(receipts, (e, r) -> (r.nanos() - e.nanos()) / 1000);
  }

  /** The hand-over time the received JSON carries to the receipt, in µs. */
  List<Long> sinceHandOver(Map<String, Receipt> receipts) {
    return joined(receipts, (e, r) -> {
      Instant handedOver = r.gatewayTime();
      return handedOver == null ? null : micros(handedOver, r.at());
    });
  }

  /** The PLC's source time the received JSON carries to the receipt, in µs. */
  List<Long> sinceSource(Map<String, Receipt> receipts) {
    return joined(receipts, (e, r) -> {
      Instant source = r.sourceTime();
      return source == null ? null : micros(source, r.at());
    });
  }

  /** Receipts of the benchmark's RAISEs only (not the state a CLEAR left, nor the one at connect). */
  List<Long> joined(Map<String, Receipt> receipts,
      BiFunction<Emitted, Receipt, @Nullable Long> micros) {
    List<Long> out = new ArrayList<>();
    receipts.forEach((id, r) -> {
      Emitted e = raised.get(id);
      Long m = e == null ? null : micros.apply(e, r);
      if (m != null) {
        out.add(m);
      }
    });
    return out;
  }

  static long micros(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1000;
  }

  static String row(String what, List<Long> micros) {
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
