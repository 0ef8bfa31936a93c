package io.floorgate.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floorgate.output.BufferState;
import io.floorgate.output.Health;
import io.floorgate.output.Output;
import io.floorgate.output.StatusSection;
import io.floorgate.reading.Reading;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The JSON the status page and {@code /health/ready} show: the gateway's build and uptime, the
 * last reload, outputs, links, buffers, publishing and tags.
 */
final class StatusJson {

  /** One frame of the status stream; {@code version} is what the next frame starts after. */
  record Frame(long version, String json) {}

  /** A configuration edit that was refused, and why, line by line. */
  record Refusal(Instant at, List<String> errors) {
    Refusal {
      errors = List.copyOf(errors);
    }
  }

  /** What a gateway's status does not change while it runs. */
  record Setup(long bufferLimitBytes, Duration bufferMaxAge, boolean commands) {}

  /** Built on the first status request, not at start: Jackson's databind is ~280 classes. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private static final Instant STARTED =
      Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());

  private final LinkBook links;
  private final LatestValues values;
  private final List<Output> outputs;
  private final PipelineCounts pipeline;
  private final MeterRegistry registry;
  private final Setup setup;
  private final Rates rates = new Rates();
  private volatile @Nullable Path configFile;
  private volatile @Nullable Instant lastApplied;
  private volatile @Nullable Refusal lastRefusal;

  StatusJson(LinkBook links, LatestValues values, List<Output> outputs, PipelineCounts pipeline,
      MeterRegistry registry, Setup setup) {
    this.links = links;
    this.values = values;
    this.outputs = outputs;
    this.pipeline = pipeline;
    this.registry = registry;
    this.setup = setup;
  }

  void configFile(Path file) {
    this.configFile = file;
  }

  void reloadApplied(Instant at) {
    this.lastApplied = at;
  }

  void reloadRefused(Refusal refusal) {
    this.lastRefusal = refusal;
  }

  void connectionRemoved(String connection) {
    rates.remove("plc:" + connection);
  }

  /** The gateway, its outputs, connections, publishing and buffers, as a map for Jackson. */
  Map<String, Object> summary() {
    long now = System.nanoTime();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("gateway", gateway());
    out.put("reload", reload());
    Map<String, Object> byName = new LinkedHashMap<>();
    BufferState total = BufferState.EMPTY;
    int buffered = 0;
    for (Output o : outputs) {
      Health h = o.health();
      Map<String, @Nullable Object> one = new LinkedHashMap<>();
      one.put("ready", h.ready());
      one.put("detail", h.detail());
      BufferState b = o.buffer();
      one.put("buffer", b == null ? null : buffer(b, setup.bufferLimitBytes()));
      byName.put(o.name(), one);
      if (b != null) {
        total = total.plus(b);
        buffered++;
      }
    }
    out.put("outputs", byName);
    List<Map<String, Object>> connections = new ArrayList<>();
    for (LinkBook.Link l : links.links()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("name", l.name());
      c.put("state", l.state().name());
      c.put("since", l.since().toString());
      c.put("detail", l.detail());
      c.put("samples", l.samples());
      c.put("samplesPerSecond", rates.perSecond("plc:" + l.name(), l.samples(), now));
      c.put("lastDataAgeSeconds", l.lastSampleAgeSeconds());
      c.put("reconnects", l.reconnects());
      connections.add(c);
    }
    out.put("connections", connections);
    Map<String, Object> throughput = new LinkedHashMap<>();
    throughput.put("valuesPerSecond", rates.perSecond("normalized", pipeline.processed(), now));
    throughput.put("values", pipeline.processed());
    throughput.put("errors", pipeline.dropped() + pipeline.failed() + pipeline.unknown());
    out.put("throughput", throughput);
    out.put("publishing", publishing());
    Map<String, Object> buf = buffer(total, setup.bufferLimitBytes() * buffered);
    buf.put("maxAgeSeconds", setup.bufferMaxAge().toSeconds());
    out.put("buffer", buf);
    out.put("sections", sections());
    return out;
  }

  /** Every output's own tables ({@link Output#statusSections()}); one failing shows none. */
  private List<StatusSection> sections() {
    List<StatusSection> all = new ArrayList<>();
    for (Output o : outputs) {
      try {
        all.addAll(o.statusSections());
      } catch (RuntimeException e) {
        all.add(new StatusSection(o.name() + "-error", o.name(), List.of("Problem"),
            List.of(List.of("status not available: " + e)), ""));
      }
    }
    return all;
  }

  private Map<String, @Nullable Object> gateway() {
    BuildInfo build = BuildInfo.current();
    Path file = configFile;
    Map<String, @Nullable Object> g = new LinkedHashMap<>();
    g.put("version", build.version());
    g.put("commit", build.commit());
    g.put("startedAt", STARTED.toString());
    g.put("uptimeSeconds", Duration.between(STARTED, Instant.now()).toSeconds());
    g.put("configFile", file == null ? null : file.toString());
    g.put("commands", setup.commands());
    return g;
  }

  private Map<String, @Nullable Object> reload() {
    Map<String, @Nullable Object> r = new LinkedHashMap<>();
    Instant applied = lastApplied;
    Refusal refused = lastRefusal;
    r.put("lastAppliedAt", applied == null ? null : applied.toString());
    r.put("lastError", refused == null ? null
        : Map.of("at", refused.at().toString(), "errors", refused.errors()));
    return r;
  }

  /** Per broker client: connected, messages the broker took, and those it refused or dropped. */
  private List<Map<String, Object>> publishing() {
    Map<String, Map<String, Object>> byClient = new TreeMap<>();
    for (Gauge g : registry.find("floorgate.mqtt.connected").gauges()) {
      client(byClient, g.getId().getTag("client")).put("connected", g.value() == 1.0);
    }
    for (FunctionCounter c : registry.find("floorgate.mqtt.publishes").functionCounters()) {
      boolean acked = "acked".equals(c.getId().getTag("result"));
      add(client(byClient, c.getId().getTag("client")), acked ? "published" : "errors",
          c.count());
    }
    for (FunctionCounter c : registry.find("floorgate.sparkplug.messages").functionCounters()) {
      add(client(byClient, "sparkplug"), "published", c.count());
    }
    for (FunctionCounter c : registry.find("floorgate.sparkplug.readings.dropped")
        .functionCounters()) {
      add(client(byClient, "sparkplug"), "errors", c.count());
    }
    return new ArrayList<>(byClient.values());
  }

  private static Map<String, Object> client(Map<String, Map<String, Object>> byClient,
      @Nullable String name) {
    return byClient.computeIfAbsent(name == null ? "other" : name, n -> {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("client", n);
      c.put("connected", false);
      c.put("published", 0L);
      c.put("errors", 0L);
      return c;
    });
  }

  private static void add(Map<String, Object> client, String key, double count) {
    client.merge(key, Math.round(count), (a, b) -> (Long) a + (Long) b);
  }

  private static Map<String, Object> buffer(BufferState b, long limitBytes) {
    Map<String, Object> buf = new LinkedHashMap<>();
    buf.put("depth", b.depth());
    buf.put("bytes", b.bytes());
    buf.put("limitBytes", limitBytes);
    buf.put("oldestAgeSeconds", b.oldestAgeSeconds());
    buf.put("dropped", b.dropped());
    return buf;
  }

  /** A stream frame: the summary and every tag stored after {@code after}. */
  Frame frame(long after) {
    long version = values.version();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", "status");
    out.put("time", Instant.now().toString());
    out.putAll(summary());
    List<Map<String, @Nullable Object>> tags = new ArrayList<>();
    for (LatestValues.Entry e : values.changedSince(after)) {
      Reading r = e.reading();
      Map<String, @Nullable Object> t = new LinkedHashMap<>();
      t.put("path", r.path());
      t.put("connection", r.connection());
      t.put("value", r.value() instanceof Number || r.value() instanceof Boolean
          || r.value() == null ? r.value() : String.valueOf(r.value()));
      t.put("unit", r.unit());
      t.put("quality", r.quality().name());
      t.put("timestamp", r.timestamp().toString());
      tags.add(t);
    }
    out.put("tags", tags);
    try {
      return new Frame(version, Json.MAPPER.writeValueAsString(out));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("status frame not encodable", e);
    }
  }
}
