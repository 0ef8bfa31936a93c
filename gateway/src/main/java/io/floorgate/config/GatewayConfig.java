package io.floorgate.config;

import java.util.List;
import java.util.Objects;

/**
 * The whole gateway configuration, as validated from YAML.
 *
 * @param namespace   the ISA-95 naming of the plant (enterprise, site) and the topic prefix
 * @param mqtt        the telemetry broker connection
 * @param connections the PLC connections, each with its area and tags
 * @param buffer      the store-and-forward buffer between the encoder and the broker
 */
public record GatewayConfig(
    Namespace namespace, MqttConfig mqtt, List<ConnectionConfig> connections, BufferConfig buffer) {
  public GatewayConfig {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(mqtt, "mqtt");
    Objects.requireNonNull(buffer, "buffer");
    connections = List.copyOf(connections);
  }

  /** With the default buffer ({@code data/buffer}). */
  public GatewayConfig(Namespace namespace, MqttConfig mqtt, List<ConnectionConfig> connections) {
    this(namespace, mqtt, connections, BufferConfig.in(BufferConfig.DEFAULT_DIRECTORY));
  }
}
