package io.floorgate.sparkplug;

import io.floorgate.config.ConnectionConfig;
import io.floorgate.config.GatewayConfig;
import io.floorgate.config.GroupConfig;
import io.floorgate.config.TagConfig;
import io.floorgate.driver.AcquisitionMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The node's devices and metrics, built once from the config: one device per PLC connection, one
 * metric per tag, named by the tag's path. Aliases are numbered from 1 in config order, so they
 * stay the same across sessions and restarts with the same config.
 */
final class MetricModel {

  private final Map<String, DeviceState> devices = new LinkedHashMap<>();
  /** Reading path ({@code enterprise/site/area/path}) to metric. */
  private final Map<String, MetricState> byPath = new HashMap<>();
  private final Map<Long, MetricState> byAlias = new HashMap<>();
  private final Map<String, Map<String, MetricState>> byName = new HashMap<>();

  MetricModel(GatewayConfig config) {
    String root = config.namespace().root();
    long alias = 1;
    for (ConnectionConfig connection : config.connections()) {
      DeviceState device = new DeviceState(connection.name(), slowestInterval(connection));
      devices.put(device.id, device);
      Map<String, MetricState> names = new HashMap<>();
      byName.put(device.id, names);
      for (GroupConfig group : connection.groups()) {
        for (TagConfig tag : group.tags()) {
          MetricState metric = new MetricState(device, tag.path(), alias++, tag,
              MetricValues.declaredType(tag.type()));
          device.metrics.add(metric);
          names.put(metric.name, metric);
          byAlias.put(metric.alias, metric);
          byPath.put(root + "/" + connection.area() + "/" + tag.path(), metric);
        }
      }
    }
  }

  List<DeviceState> devices() {
    return Collections.unmodifiableList(new ArrayList<>(devices.values()));
  }

  @Nullable DeviceState device(String id) {
    return devices.get(id);
  }

  @Nullable MetricState byPath(String readingPath) {
    return byPath.get(readingPath);
  }

  /** A metric of {@code device} by alias, or null (also when the alias is another device's). */
  @Nullable MetricState byAlias(DeviceState device, long alias) {
    MetricState m = byAlias.get(alias);
    return m != null && m.device == device ? m : null;
  }

  @Nullable MetricState byName(DeviceState device, String name) {
    Map<String, MetricState> names = byName.get(device.id);
    return names == null ? null : names.get(name);
  }

  int metricCount() {
    return byAlias.size();
  }

  /**
   * The longest a group of {@code connection} takes to report a value: its poll interval, or its
   * subscription's sampling or publishing interval, whichever is longer.
   */
  static Duration slowestInterval(ConnectionConfig connection) {
    Duration slowest = Duration.ZERO;
    for (GroupConfig group : connection.groups()) {
      Duration interval = group.mode() == AcquisitionMode.POLLING ? group.pollInterval()
          : max(group.samplingInterval(), group.publishingInterval());
      slowest = max(slowest, interval);
    }
    return slowest;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
