package io.floorgate;

import io.floorgate.config.ConnectionConfig;
import io.floorgate.config.GatewayConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a reload changes. Tags, alarm rules and connections are applied live; the broker, the
 * buffer, the API, the namespace and the alarm section's own settings need a restart.
 *
 * @param needsRestart what changed that a running gateway cannot apply (empty when none)
 * @param removed      connections no longer configured
 * @param changed      connections whose configuration changed: their drivers are restarted
 * @param added        new connections
 */
record ConfigDiff(List<String> needsRestart, List<String> removed, List<String> changed,
    List<String> added) {

  static ConfigDiff of(GatewayConfig old, GatewayConfig next) {
    List<String> restart = new ArrayList<>();
    if (!old.namespace().equals(next.namespace())) {
      restart.add("namespace");
    }
    if (!old.mqtt().equals(next.mqtt())) {
      restart.add("mqtt");
    }
    if (!old.buffer().equals(next.buffer())) {
      restart.add("buffer");
    }
    if (!Objects.equals(old.api(), next.api())) {
      restart.add("api");
    }
    if (!old.uns().equals(next.uns()) || !old.sparkplug().equals(next.sparkplug())) {
      restart.add("uns or sparkplug");
    }
    if (!Objects.equals(old.notifications(), next.notifications())) {
      restart.add("notifications");
    }
    if ((old.alarms() == null) != (next.alarms() == null) || (old.alarms() != null
        && (!old.alarms().broker().equals(next.alarms().broker())
        || !Objects.equals(old.alarms().stateFile(), next.alarms().stateFile())
        || !old.alarms().conditions().equals(next.alarms().conditions())))) {
      restart.add("alarms (section added or removed, its broker, clientId or credentials, "
          + "stateFile or conditions)");
    }
    Map<String, ConnectionConfig> before = byName(old);
    Map<String, ConnectionConfig> after = byName(next);
    List<String> removed = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    List<String> added = new ArrayList<>();
    before.forEach((name, c) -> {
      ConnectionConfig n = after.get(name);
      if (n == null) {
        removed.add(name);
      } else if (!n.equals(c)) {
        changed.add(name);
      }
    });
    after.keySet().stream().filter(n -> !before.containsKey(n)).forEach(added::add);
    return new ConfigDiff(List.copyOf(restart), List.copyOf(removed), List.copyOf(changed),
        List.copyOf(added));
  }

  private static Map<String, ConnectionConfig> byName(GatewayConfig config) {
    Map<String, ConnectionConfig> map = new LinkedHashMap<>();
    config.connections().forEach(c -> map.put(c.name(), c));
    return map;
  }
}
