package io.floorgate.sparkplug;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * The edge node's session on {@code /metrics}: online, births and deaths by kind, rebirth
 * requests, the last seq, commands by result, DATA and drops.
 */
final class NodeMeters implements MeterBinder {

  private final NodeCounters counters;
  /** Gauged itself: Micrometer holds a gauge's object weakly, and the node lives as long as it. */
  private final SparkplugNode node;

  NodeMeters(SparkplugNode node) {
    this.counters = node.counters();
    this.node = node;
  }

  @Override
  public void bindTo(MeterRegistry r) {
    Gauge.builder("floorgate.mqtt.connected", node, n -> n.isOnline() ? 1 : 0)
        .tag("client", "sparkplug").description("1 while the lane's broker connection is up")
        .register(r);
    Gauge.builder("floorgate.sparkplug.online", node, n -> n.isOnline() ? 1 : 0)
        .description("1 while the edge node is in a session (NBIRTH published)").register(r);
    Gauge.builder("floorgate.sparkplug.seq", counters, c -> c.lastSeq)
        .description("seq of the last message published (0-255; -1 before the first)")
        .register(r);
    count(r, "floorgate.sparkplug.births", "kind", "node", c -> c.nodeBirths.sum());
    count(r, "floorgate.sparkplug.births", "kind", "device", c -> c.deviceBirths.sum());
    count(r, "floorgate.sparkplug.deaths", "kind", "node", c -> c.nodeDeaths.sum());
    count(r, "floorgate.sparkplug.deaths", "kind", "device", c -> c.deviceDeaths.sum());
    FunctionCounter.builder("floorgate.sparkplug.rebirth.requests", counters,
        c -> c.rebirthRequests.sum()).description("NCMD rebirth requests answered").register(r);
    count(r, "floorgate.sparkplug.commands", "result", "accepted",
        c -> c.commandsAccepted.sum());
    count(r, "floorgate.sparkplug.commands", "result", "refused", c -> c.commandsRefused.sum());
    count(r, "floorgate.sparkplug.commands", "result", "dropped", c -> c.commandsDropped.sum());
    count(r, "floorgate.sparkplug.writes", "result", "done", c -> c.writesDone.sum());
    count(r, "floorgate.sparkplug.writes", "result", "failed", c -> c.writesFailed.sum());
    FunctionCounter.builder("floorgate.sparkplug.messages", counters, c -> c.messages.sum())
        .description("messages handed to the broker: births, deaths and DATA").register(r);
    FunctionCounter.builder("floorgate.sparkplug.readings.dropped", counters,
        c -> c.readingsDropped.sum()).description("readings the node's queue had no room for")
        .register(r);
  }

  private void count(MeterRegistry r, String name, String key, String value,
      ToDoubleFunction<NodeCounters> f) {
    FunctionCounter.builder(name, counters, f).tag(key, value).register(r);
  }
}
