package io.floorgate.sparkplug;

import io.floorgate.reading.Quality;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.tahu.message.model.Metric;
import org.jspecify.annotations.Nullable;

/**
 * Gathers the changes of one drain of the reading queue into one DDATA per device, so a busy
 * plant sends few large messages and a quiet one sends each change at once. In live DATA a metric
 * appears at most once per message: a second value of it first sends what is pending, so no value
 * is lost and a host applying a message as one update sees every value. Historical DATA carries
 * many values of a metric per message, each with its own timestamp, as hosts expect of a backlog.
 */
final class DataBatcher {

  private final Outbound outbound;
  private final Payloads payloads;
  private final Map<DeviceState, Pending> pending = new LinkedHashMap<>();

  DataBatcher(Outbound outbound, Payloads payloads) {
    this.outbound = outbound;
    this.payloads = payloads;
  }

  private static final class Pending {
    final List<Metric> metrics = new ArrayList<>();
    final Set<MetricState> present = new HashSet<>();
    int bytes;
  }

  void add(MetricState metric, @Nullable Object value, Quality quality, Date timestamp,
      boolean historical) {
    Pending p = pending.computeIfAbsent(metric.device, d -> new Pending());
    int size = payloads.estimate(metric, value);
    if ((!historical && p.present.contains(metric)) || p.bytes + size > outbound.dataLimit()) {
      send(metric.device, p);
    }
    p.metrics.add(payloads.data(metric, value, quality, timestamp, historical));
    p.present.add(metric);
    p.bytes += size;
  }

  /** Sends everything pending, device by device. */
  void flush() {
    for (Map.Entry<DeviceState, Pending> e : pending.entrySet()) {
      send(e.getKey(), e.getValue());
    }
    pending.clear();
  }

  /** Forgets what is pending for a device that is about to be born again (its birth has it). */
  void discard(DeviceState device) {
    pending.remove(device);
  }

  private void send(DeviceState device, Pending p) {
    if (!p.metrics.isEmpty()) {
      outbound.ddata(device, List.copyOf(p.metrics));
    }
    p.metrics.clear();
    p.present.clear();
    p.bytes = 0;
  }
}
