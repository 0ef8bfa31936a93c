package io.floorgate.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floorgate.output.BufferState;
import io.floorgate.output.Health;
import io.floorgate.output.Output;
import io.floorgate.reading.Reading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The JSON the status page and {@code /health/ready} show: outputs, links, buffers, tags. */
final class StatusJson {

  /** One frame of the status stream; {@code version} is what the next frame starts after. */
  record Frame(long version, String json) {}

  /** Built on the first status request, not at start: Jackson's databind is ~280 classes. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private final LinkBook links;
  private final LatestValues values;
  private final List<Output> outputs;

  StatusJson(LinkBook links, LatestValues values, List<Output> outputs) {
    this.links = links;
    this.values = values;
    this.outputs = outputs;
  }

  /** Outputs, connections and the buffers, as a map for Jackson. */
  Map<String, Object> summary() {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> byName = new LinkedHashMap<>();
    BufferState total = BufferState.EMPTY;
    for (Output o : outputs) {
      Health h = o.health();
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("ready", h.ready());
      one.put("detail", h.detail());
      byName.put(o.name(), one);
      BufferState b = o.buffer();
      if (b != null) {
        total = total.plus(b);
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
      c.put("reconnects", l.reconnects());
      connections.add(c);
    }
    out.put("connections", connections);
    Map<String, Object> buf = new LinkedHashMap<>();
    buf.put("depth", total.depth());
    buf.put("bytes", total.bytes());
    buf.put("oldestAgeSeconds", total.oldestAgeSeconds());
    buf.put("dropped", total.dropped());
    out.put("buffer", buf);
    return out;
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
