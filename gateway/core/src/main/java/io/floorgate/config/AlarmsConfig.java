package io.floorgate.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Alarms evaluated at the edge ({@code alarms:} in YAML). The alarm MQTT connection is a lane of
 * its own: the brokers ({@code url}/{@code urls}) and credentials of {@code mqtt} unless the
 * section names its own, TLS and the rest always those of {@code mqtt}, and a client id of its own.
 *
 * <p>Defaults and bounds: {@code clientId} {@code <mqtt.clientId>-alarms}; {@code stateFile}
 * none (alarm state is then lost on restart); {@code maxShelve} 8h (1m–7d); {@code conditions}
 * none; {@code communication} {@link CommunicationConfig#DEFAULT}.
 *
 * @param rules     the alarm rules, at least one
 * @param broker    the dedicated alarm MQTT connection
 * @param stateFile where alarm state is kept across restarts; null for none
 * @param maxShelve the longest an operator may shelve an alarm for
 * @param conditions connections whose PLC's own alarms (OPC UA Alarms &amp; Conditions) are read
 *                   into the same model; none by default
 * @param communication the communication alarm of each connection ({@link CommunicationConfig})
 */
public record AlarmsConfig(
    List<AlarmRuleConfig> rules,
    BrokerConfig broker,
    @Nullable Path stateFile,
    Duration maxShelve,
    List<String> conditions,
    CommunicationConfig communication) {

  public static final Duration DEFAULT_MAX_SHELVE = Duration.ofHours(8);
  public static final Duration MIN_MAX_SHELVE = Duration.ofMinutes(1);
  public static final Duration MAX_MAX_SHELVE = Duration.ofDays(7);

  public AlarmsConfig {
    rules = List.copyOf(rules);
    conditions = List.copyOf(conditions);
    Objects.requireNonNull(broker, "broker");
    Checks.within("maxShelve", maxShelve, MIN_MAX_SHELVE, MAX_MAX_SHELVE);
    Objects.requireNonNull(communication, "communication");
  }

  /** With the default communication alarms. */
  public AlarmsConfig(List<AlarmRuleConfig> rules, BrokerConfig broker, @Nullable Path stateFile,
      Duration maxShelve, List<String> conditions) {
    this(rules, broker, stateFile, maxShelve, conditions, CommunicationConfig.DEFAULT);
  }

  /** Client id of the dedicated alarm MQTT connection. */
  public String clientId() {
    return broker.clientId();
  }

  /** The alarm connection's client id when the config names none. */
  public static String defaultClientId(String telemetryClientId) {
    return telemetryClientId + "-alarms";
  }
}
