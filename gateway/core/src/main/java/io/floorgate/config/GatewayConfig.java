package io.floorgate.config;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The whole gateway configuration, as validated from YAML.
 *
 * @param namespace   the ISA-95 naming of the plant (enterprise, site) and the topic prefix
 * @param mqtt        the telemetry broker connection
 * @param connections the PLC connections, each with its area and tags
 * @param buffer      the store-and-forward buffer between the encoder and the broker
 * @param alarms      the alarm rules and the alarm lane's settings; null when none are configured
 * @param api         the HTTP/WebSocket server; null when it is not to run
 * @param uns         whether readings are published as UNS JSON
 * @param sparkplug   the Sparkplug B edge node, which may be disabled
 * @param notifications receivers and routes of alarm notifications; null when none are configured
 */
public record GatewayConfig(
    Namespace namespace,
    MqttConfig mqtt,
    List<ConnectionConfig> connections,
    BufferConfig buffer,
    @Nullable AlarmsConfig alarms,
    @Nullable ApiConfig api,
    UnsConfig uns,
    SparkplugConfig sparkplug,
    @Nullable NotificationsConfig notifications) {

  public GatewayConfig {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(mqtt, "mqtt");
    Objects.requireNonNull(buffer, "buffer");
    Objects.requireNonNull(uns, "uns");
    Objects.requireNonNull(sparkplug, "sparkplug");
    connections = List.copyOf(connections);
  }

  /** The number of configured tags, over every connection and group. */
  public long tagCount() {
    return connections.stream().flatMap(c -> c.groups().stream())
        .mapToLong(g -> g.tags().size()).sum();
  }

  /** A config without notifications. */
  public GatewayConfig(Namespace namespace, MqttConfig mqtt, List<ConnectionConfig> connections,
      BufferConfig buffer, @Nullable AlarmsConfig alarms, @Nullable ApiConfig api, UnsConfig uns,
      SparkplugConfig sparkplug) {
    this(namespace, mqtt, connections, buffer, alarms, api, uns, sparkplug, null);
  }

  /** This config with {@code notifications} instead of its own. */
  public GatewayConfig withNotifications(@Nullable NotificationsConfig notifications) {
    return new GatewayConfig(namespace, mqtt, connections, buffer, alarms, api, uns, sparkplug,
        notifications);
  }

  /**
   * Telemetry as UNS JSON only, with the default buffer ({@code data/buffer}): no alarms, no API
   * server, no Sparkplug node.
   */
  public GatewayConfig(Namespace namespace, MqttConfig mqtt, List<ConnectionConfig> connections) {
    this(namespace, mqtt, connections, BufferConfig.in(BufferConfig.DEFAULT_DIRECTORY), null, null,
        UnsConfig.defaults(), SparkplugConfig.disabled(namespace.site(), mqtt.url(), mqtt.clientId()));
  }
}
