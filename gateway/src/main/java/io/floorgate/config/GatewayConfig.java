package io.floorgate.config;

import java.util.List;
import java.util.Objects;

/**
 * The whole gateway configuration, as validated from YAML.
 *
 * @param namespace   the ISA-95 naming of the plant (enterprise, site) and the topic prefix
 * @param mqtt        the telemetry broker connection
 * @param connections the PLC connections, each with its area and tags
 */
public record GatewayConfig(Namespace namespace, MqttConfig mqtt, List<ConnectionConfig> connections) {
  public GatewayConfig {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(mqtt, "mqtt");
    connections = List.copyOf(connections);
  }
}
