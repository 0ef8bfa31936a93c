package io.floorgate.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floorgate.buffer.DiskBuffer;
import io.floorgate.reading.Reading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The JSON the status page and {@code /health/ready} show: links, broker, buffer, tags. */
final class StatusJson {

  /** One frame of the status stream; {@code version} is what the next frame starts after. */
  record Frame(long version, String json) {}

  /** Built on the first status request, not at start: Jackson's databind is ~280 classes. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private final GatewaySource gateway;
  private final LinkBook links;
  private final LatestValues values;
  private final BufferMeters buffer;

  StatusJson(GatewaySource gateway, LinkBook links, LatestValues values, BufferMeters buffer) {
    this.gateway = gateway;
    this.links = links;
    this.values = values;
    this.buffer = buffer;
  }

  /** Connections, broker and buffer, as a map for Jackson. */
  Map<String, Object> summary() {
    Map<String, Object> out = new LinkedHashMap<>();
    // Polled every 500 ms too, for the time of change; asked here so the answer is current.
    links.broker(gateway.publisher()::isConnected);
    Map<String, Object> broker = new LinkedHashMap<>();
    broker.put("url", String.join(", ", gateway.config().mqtt().urls()));
    broker.put("state", links.brokerConnected() ? "CONNECTED" : "DISCONNECTED");
    broker.put("since", links.brokerSince().toString());
    out.put("broker", broker);
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
    DiskBuffer b = gateway.buffer();
    Map<String, Object> buf = new LinkedHashMap<>();
    buf.put("depth", b.size());
    buf.put("bytes", b.bytes());
    buf.put("oldestAgeSeconds", buffer.oldestAgeSeconds());
    buf.put("dropped", b.dropped());
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
