package io.floorgate.config;

import java.util.List;
import java.util.Objects;

/**
 * The whole gateway configuration, as validated from YAML.
 *
 * @param namespace   the ISA-95 naming of the plant (enterprise, site) and the topic prefix
 * @param mqtt        the telemetry broker connection
 * @param connections the PLC connections, each with its area and tags
 * @param uns         whether readings are published as UNS JSON
 * @param sparkplug   the Sparkplug B edge node, which may be disabled
 */
public record GatewayConfig(
    Namespace namespace,
    MqttConfig mqtt,
    List<ConnectionConfig> connections,
    UnsConfig uns,
    SparkplugConfig sparkplug) {
  public GatewayConfig {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(mqtt, "mqtt");
    Objects.requireNonNull(uns, "uns");
    Objects.requireNonNull(sparkplug, "sparkplug");
    connections = List.copyOf(connections);
  }

  /** UNS JSON only, no Sparkplug node. */
  public GatewayConfig(Namespace namespace, MqttConfig mqtt, List<ConnectionConfig> connections) {
    this(namespace, mqtt, connections, UnsConfig.defaults(),
        SparkplugConfig.disabled(namespace.site(), mqtt.url(), mqtt.clientId()));
  }
}
