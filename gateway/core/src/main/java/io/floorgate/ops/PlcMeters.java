package io.floorgate.ops;

import io.floorgate.driver.LinkState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per PLC connection: state, age of the last data, reconnects and samples. Tagged by connection
 * name only. Connections added or removed by a reload get or lose their meters.
 */
final class PlcMeters implements MeterBinder {

  private final LinkBook links;
  private final Map<String, List<Meter>> meters = new ConcurrentHashMap<>();
  private volatile MeterRegistry registry;

  PlcMeters(LinkBook links) {
    this.links = links;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    this.registry = registry;
    links.links().forEach(l -> add(l.name()));
  }

  void add(String connection) {
    MeterRegistry r = registry;
    if (r == null || meters.containsKey(connection)) {
      return;
    }
    Tags tags = Tags.of("connection", connection);
    List<Meter> list = new ArrayList<>();
    list.add(Gauge.builder("floorgate.plc.connected", links,
            b -> state(b, connection) == LinkState.CONNECTED ? 1 : 0)
        .tags(tags).description("1 while the PLC session is up").register(r));
    for (LinkState s : LinkState.values()) {
      list.add(Gauge.builder("floorgate.plc.state", links, b -> state(b, connection) == s ? 1 : 0)
          .tags(tags.and("state", s.name().toLowerCase(java.util.Locale.ROOT)))
          .description("1 for the connection's current link state").register(r));
    }
    list.add(Gauge.builder("floorgate.plc.last.data.age", links, b -> {
      LinkBook.Link l = b.link(connection);
      return l == null ? Double.NaN : l.lastSampleAgeSeconds();
    }).tags(tags).baseUnit("seconds")
        .description("since the last sample or connect (notifications and reads prove liveness)")
        .register(r));
    list.add(FunctionCounter.builder("floorgate.plc.reconnects", links, b -> {
      LinkBook.Link l = b.link(connection);
      return l == null ? 0 : l.reconnects();
    }).tags(tags).description("sessions established after the first").register(r));
    list.add(FunctionCounter.builder("floorgate.plc.samples", links, b -> {
      LinkBook.Link l = b.link(connection);
      return l == null ? 0 : l.samples();
    }).tags(tags).description("notifications and read results received").register(r));
    meters.put(connection, list);
  }

  void remove(String connection) {
    MeterRegistry r = registry;
    List<Meter> list = meters.remove(connection);
    if (r != null && list != null) {
      list.forEach(r::remove);
    }
  }

  private static LinkState state(LinkBook book, String connection) {
    LinkBook.Link l = book.link(connection);
    return l == null ? LinkState.CLOSED : l.state();
  }
}
